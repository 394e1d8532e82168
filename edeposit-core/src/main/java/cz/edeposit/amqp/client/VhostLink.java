package cz.edeposit.amqp.client;

import cz.edeposit.amqp.rpc.Backoff;
import cz.edeposit.amqp.rpc.BrokerUnavailableException;
import cz.edeposit.amqp.rpc.RecoveryPolicy;
import cz.edeposit.amqp.settings.HostSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client's presence in one vhost, for the client's whole life. The first call connects (a
 * {@link LinkSession}). When the session is lost, one thread of this link rebuilds it with the
 * daemons' rules ({@link RecoveryPolicy}, {@link Backoff}): it re-declares the reply queue, binds
 * again, consumes again, and publishes what waited meanwhile, the requests in doubt first. Pending
 * calls stay pending throughout; their own time-outs bound them.
 */
final class VhostLink {

    private static final Logger log = LoggerFactory.getLogger(VhostLink.class);

    private enum State { IDLE, UP, DOWN, CLOSED }

    /** The deadline of a reconnect loop that never gives up. */
    private static final long FOREVER = Long.MAX_VALUE;

    final String vhost;
    private final ClientConfig config;
    private final RecoveryPolicy policy;
    private final PendingCalls pending;
    private final ReplyDispatcher dispatcher;
    private final HeldRequests held = new HeldRequests();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Object connectLock = new Object();
    private final Object lock = new Object();
    // Guarded by lock, which is never held during broker I/O or while completing a future.
    private final Backoff backoff;
    private final Set<HostSettings> hosts = new LinkedHashSet<>();
    private State state = State.IDLE;
    private LinkSession session;
    private boolean everUp;
    private long upSince;
    private long downSince;
    private String downReason;

    VhostLink(String vhost, ClientConfig config, PendingCalls pending, ReplyDispatcher dispatcher) {
        this.vhost = vhost;
        this.config = config;
        this.policy = config.recovery();
        this.pending = pending;
        this.dispatcher = dispatcher;
        this.backoff = Backoff.of(policy);
    }

    /**
     * Publishes {@code request}, connecting first if this is the vhost's first call; while the link
     * is down, holds it until the link is back (or fails it at once with failFastWhenDisconnected).
     *
     * @throws RpcException when it cannot be published: the call should fail with it
     */
    void send(Outgoing request) throws IOException {
        LinkSession current = route(request);
        if (current != null && !publish(request, current)) {
            deliver(request, rerouted(request, current));
        }
    }

    private LinkSession route(Outgoing request) {
        synchronized (lock) {
            if (state != State.IDLE) {
                return routeLocked(request, true);
            }
        }
        // The first contact connects on the caller's thread, one caller at a time.
        synchronized (connectLock) {
            synchronized (lock) {
                if (state != State.IDLE) {
                    return routeLocked(request, true);
                }
            }
            connectFirst();
            synchronized (lock) {
                return routeLocked(request, true);
            }
        }
    }

    /**
     * The session to publish on, or null when the request was held; under lock.
     *
     * @param fresh a new call, rather than one whose session died under it (those always wait)
     */
    private LinkSession routeLocked(Outgoing request, boolean fresh) {
        switch (state) {
            case UP:
                return session;
            case DOWN:
                if (fresh && config.failFastWhenDisconnected()) {
                    throw new RpcException("not calling host '" + request.call().host.name() + "': " + outageLocked()
                            + "; the call was not sent because the client fails fast when disconnected");
                }
                hosts.add(request.call().host);
                held.add(request);
                return null;
            case CLOSED:
                throw new ClientClosedException("the client is closed");
            default:
                throw new RpcException("lost the connection to vhost '" + vhost + "' while calling host '"
                        + request.call().host.name() + "'; the call was not sent");
        }
    }

    /**
     * Binds and publishes on {@code current}; whenever a session dies under it, routes again. Stops
     * when the call has ended meanwhile: its caller was told, so the request should have no effect.
     */
    private void deliver(Outgoing request, LinkSession current) throws IOException {
        while (current != null && !request.call().future.isDone()) {
            if (publish(request, current)) {
                return;
            }
            current = rerouted(request, current);
        }
    }

    /**
     * Binds and publishes on {@code current}; false if the session died first.
     *
     * @throws RpcException when the broker refused the binding: waiting would not help
     */
    private boolean publish(Outgoing request, LinkSession current) throws IOException {
        HostSettings host = request.call().host;
        try {
            current.bind(host);
        } catch (RpcException e) {
            if (current.isOpen()) {
                throw e;
            }
            return false;
        }
        synchronized (lock) {
            hosts.add(host);
        }
        return current.publish(request);
    }

    /** After {@code dead} failed a publish: the next session, or null when the request is held. */
    private LinkSession rerouted(Outgoing request, LinkSession dead) {
        synchronized (lock) {
            lost(dead, dead.lostReason());
            return routeLocked(request, false);
        }
    }

    /** Connects on the caller's thread; a broker that cannot be reached yet is waited for per brokerWait. */
    private void connectFirst() {
        LinkSession opened;
        try {
            opened = LinkSession.open(vhost, config, pending, dispatcher, this::lost);
        } catch (BrokerUnavailableException e) {
            Duration wait = policy.brokerWait();
            if (!e.retryable() || policy.failFast() || (wait != null && wait.isZero())) {
                throw new RpcException(e.getMessage(), e);
            }
            long deadline = wait == null ? FOREVER : System.nanoTime() + wait.toNanos();
            synchronized (lock) {
                if (state == State.CLOSED) {
                    throw new ClientClosedException("the client is closed");
                }
                state = State.DOWN;
                downSince = System.nanoTime();
                downReason = e.getMessage();
            }
            startThread("reconnect", () -> recover(null, e.getMessage(), deadline));
            return;
        }
        synchronized (lock) {
            if (state == State.CLOSED) {
                opened.abort();
                throw new ClientClosedException("the client is closed");
            }
            up(opened);
        }
        checkAlive(opened);
    }

    /**
     * The session is gone (a listener, or a publish that found it dead): from UP, either reconnect in
     * the background, or with failFast fail the calls that were pending on it. Any thread; idempotent.
     */
    void lost(LinkSession dead, String reason) {
        List<PendingCall<?>> toFail;
        synchronized (lock) {
            if (state != State.UP || session != dead) {
                return;
            }
            session = null;
            if (!policy.failFast()) {
                state = State.DOWN;
                downSince = System.nanoTime();
                downReason = reason;
                if (downSince - upSince > policy.maxBackoff().toNanos()) {
                    backoff.reset(); // it was up for a while: this is a new incident
                }
                startThread("reconnect", () -> recover(dead, reason, FOREVER));
                return;
            }
            state = State.IDLE;
            toFail = pending.matching(call -> call.link == this);
        }
        // Not on this thread: it may be the connection's own, which must not wait for the socket.
        startThread("abandon", () -> {
            dead.abort(); // first: it ends a publish stuck on the socket, which holds what detach needs
            dead.detach();
            log.warn("Client '{}' lost its link to vhost '{}': {}; failing its {} pending calls (fail-fast)",
                    config.clientId(), vhost, reason, toFail.size());
            for (PendingCall<?> call : toFail) {
                pending.fail(call, new RpcException("lost the connection to vhost '" + vhost + "' while the call to"
                        + " host '" + call.host.name() + "' (UUID " + call.uuid + ") was pending (" + reason
                        + "); the daemon may still process the request"));
            }
        });
    }

    /** The reconnect loop, on its own thread: back off, try, until up, closed, or (never up) given up. */
    private void recover(LinkSession dead, String reason, long deadline) {
        if (dead != null) {
            dead.abort(); // first: it ends a publish stuck on the socket, which holds what detach needs
            held.addInDoubt(dead.detach());
        }
        String problem = reason;
        for (int attempt = 1; ; attempt++) {
            Duration delay;
            synchronized (lock) {
                if (state != State.DOWN) {
                    return;
                }
                downReason = problem;
                delay = backoff.next();
                if (deadline != FOREVER && deadline - System.nanoTime() < delay.toNanos()) {
                    delay = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                }
            }
            if (attempt == 1) {
                log.warn("Client '{}' {} vhost '{}': {}; {} calls wait for it; reconnecting in {} s", config.clientId(),
                        dead != null ? "lost its link to" : "cannot reach", vhost, problem,
                        pending.matching(call -> call.link == this).size(),
                        Backoff.seconds(delay));
            } else {
                log.warn("Client '{}' still without vhost '{}': {}; reconnecting in {} s", config.clientId(), vhost,
                        problem, Backoff.seconds(delay));
            }
            try {
                if (closed.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return; // only close() would interrupt; it has already failed the calls
            }
            try {
                LinkSession opened = LinkSession.open(vhost, config, pending, dispatcher, this::lost);
                if (resume(opened)) {
                    return;
                }
                problem = opened.lostReason();
            } catch (RuntimeException e) {
                problem = e.getMessage();
                boolean refused = !(e instanceof BrokerUnavailableException unavailable && unavailable.retryable());
                if (!everUp() && (refused || System.nanoTime() >= deadline)) {
                    giveUp(problem);
                    return;
                }
            }
        }
    }

    /** Binds every host again, goes UP and publishes what waited; false if the new session died meanwhile. */
    private boolean resume(LinkSession opened) {
        List<HostSettings> wanted;
        synchronized (lock) {
            wanted = List.copyOf(hosts);
        }
        for (HostSettings host : wanted) {
            try {
                opened.bind(host);
            } catch (RpcException e) {
                if (!opened.isOpen()) {
                    opened.abort();
                    return false;
                }
                refuse(host, e);
            }
        }
        List<Outgoing> waited;
        long downFor;
        synchronized (lock) {
            if (state != State.DOWN) {
                opened.abort(); // closed meanwhile
                return true;
            }
            downFor = System.nanoTime() - downSince;
            up(opened);
            waited = held.drain();
        }
        log.info("Client '{}' reconnected to vhost '{}' after {} s; publishing {} requests that waited for it",
                config.clientId(), vhost, Backoff.seconds(Duration.ofMillis(downFor / 1_000_000)), waited.size());
        for (Outgoing request : waited) {
            try {
                deliver(request, opened);
            } catch (IOException | RuntimeException e) {
                pending.fail(request.call(), e instanceof RpcException ? e : new RpcException("could not publish the"
                        + " request to host '" + request.call().host.name() + "' in vhost '" + vhost + "': " + e, e));
            }
        }
        checkAlive(opened);
        return true;
    }

    /** A host whose binding the broker now refuses: its calls cannot get replies, so they fail with the reason. */
    private void refuse(HostSettings host, RpcException error) {
        synchronized (lock) {
            hosts.remove(host);
        }
        log.warn("Client '{}' cannot bind host '{}' again after reconnecting: {}", config.clientId(), host.name(),
                error.getMessage());
        pending.matching(call -> call.link == this && call.host.equals(host)).forEach(call -> pending.fail(call, error));
    }

    private void giveUp(String problem) {
        List<Outgoing> waited;
        long downFor;
        synchronized (lock) {
            if (state != State.DOWN) {
                return;
            }
            state = State.IDLE;
            downFor = System.nanoTime() - downSince;
            waited = held.drain();
        }
        String why = problem + " (gave up after waiting " + Backoff.seconds(Duration.ofMillis(downFor / 1_000_000))
                + " s; the next call tries again)";
        log.warn("Client '{}' cannot reach vhost '{}': {}", config.clientId(), vhost, why);
        waited.forEach(request -> pending.fail(request.call(), new RpcException(why)));
    }

    private void up(LinkSession opened) {
        state = State.UP;
        session = opened;
        everUp = true;
        upSince = System.nanoTime();
        downReason = null;
    }

    /** A session that died before it was UP told nobody: the listener found it not current yet. */
    private void checkAlive(LinkSession opened) {
        if (!opened.isOpen()) {
            lost(opened, opened.lostReason());
        }
    }

    private boolean everUp() {
        synchronized (lock) {
            return everUp;
        }
    }

    private void startThread(String what, Runnable task) {
        Thread thread = new Thread(task, "edeposit-client " + config.clientId() + " " + what + " " + vhost);
        thread.setDaemon(true);
        thread.start();
    }

    /** Why the link is down and for how long, for a time-out's message; {@code null} while it is not down. */
    String outage() {
        synchronized (lock) {
            return state == State.DOWN ? outageLocked() : null;
        }
    }

    private String outageLocked() {
        return "the client's link to vhost '" + vhost + "' has been down for "
                + Backoff.seconds(Duration.ofMillis((System.nanoTime() - downSince) / 1_000_000)) + " s (" + downReason
                + ") and is being re-established in the background";
    }

    /**
     * Stops the reconnect loop, drops what waited (the owner fails the calls), and, if connected,
     * removes the request bindings and the reply queue and disconnects. Idempotent.
     */
    void close() {
        LinkSession current;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            current = session;
            session = null;
        }
        held.clear();
        closed.countDown();
        if (current != null) {
            current.close();
        }
    }

    /** Requests whose confirms are outstanding; for tests. */
    int unconfirmed() {
        synchronized (lock) {
            return session == null ? 0 : session.unconfirmed();
        }
    }
}
