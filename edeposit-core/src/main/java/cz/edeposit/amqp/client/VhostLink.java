package cz.edeposit.amqp.client;

import cz.edeposit.amqp.broker.Backoff;
import cz.edeposit.amqp.broker.BrokerUnavailableException;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.settings.HostSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client's presence in one vhost, for the client's whole life. The first call connects (a
 * {@link LinkSession}). When the session is lost, one thread of this link rebuilds it with the
 * daemons' rules ({@link RecoveryPolicy}, {@link Backoff}): it re-declares the reply queue, binds
 * again, consumes again, and publishes what waited meanwhile, the requests in doubt first. Pending
 * calls stay pending throughout; their own time-outs bound them. The rules are in {@link LinkState};
 * this class does the I/O and owns the threads.
 */
final class VhostLink {

    private static final Logger log = LoggerFactory.getLogger(VhostLink.class);

    final String vhost;
    private final ClientConfig config;
    private final PendingCalls pending;
    private final ReplyDispatcher dispatcher;
    private final LinkState<LinkSession> state;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Object connectLock = new Object();

    VhostLink(String vhost, ClientConfig config, PendingCalls pending, ReplyDispatcher dispatcher) {
        this.vhost = vhost;
        this.config = config;
        this.pending = pending;
        this.dispatcher = dispatcher;
        this.state = new LinkState<>(vhost, config.recovery(), config.failFastWhenDisconnected(), System::nanoTime);
    }

    /**
     * Publishes {@code request}, connecting first if this is the vhost's first call; while the link
     * is down, holds it until the link is back (or fails it at once with failFastWhenDisconnected).
     *
     * @throws RpcException when it cannot be published: the call should fail with it
     */
    void send(Outgoing request) throws IOException {
        LinkSession current = route(request);
        // A fresh call is published even if it has just timed out, as before: its caller was told
        // that a late reply is possible. Retries skip ended calls (deliver).
        if (current != null && !publish(request, current)) {
            deliver(request, rerouted(request, current));
        }
    }

    private LinkSession route(Outgoing request) {
        if (state.phase() != LinkState.Phase.IDLE) {
            return state.route(request, true);
        }
        // The first contact connects on the caller's thread, one caller at a time.
        synchronized (connectLock) {
            if (state.phase() == LinkState.Phase.IDLE) {
                connectFirst();
            }
            return state.route(request, true);
        }
    }

    /** Connects on the caller's thread; a broker that cannot be reached yet is waited for per brokerWait. */
    private void connectFirst() {
        LinkSession opened;
        try {
            opened = LinkSession.open(vhost, config, pending, dispatcher, this::lost);
        } catch (BrokerUnavailableException e) {
            RecoveryPolicy policy = config.recovery();
            Duration wait = policy.brokerWait();
            if (!e.retryable() || policy.failFast() || (wait != null && wait.isZero())) {
                throw new RpcException(e.getMessage(), e);
            }
            long deadline = state.brokerWaitDeadline();
            if (state.unreachable(e.getMessage())) {
                startThread("reconnect", () -> reconnect(null, e.getMessage(), deadline));
            }
            return;
        }
        List<Outgoing> waited = state.up(opened);
        if (waited == null) {
            opened.abort();
            return; // closed meanwhile: routing says so
        }
        checkAlive(opened);
    }

    /** Binds and publishes on {@code current}, rerouting whenever a session dies under it; ended calls stop. */
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
            if (current.bind(host)) {
                state.bound(host);
            }
        } catch (RpcException e) {
            if (current.isOpen()) {
                throw e;
            }
            return false;
        }
        return current.publish(request);
    }

    /** After {@code dead} failed a publish: the next session, or null when the request is held. */
    private LinkSession rerouted(Outgoing request, LinkSession dead) {
        lost(dead, dead.lostReason());
        return state.route(request, false);
    }

    /**
     * The session is gone (a listener, or a publish that found it dead): reconnect in the background,
     * or with failFast fail the calls that were pending on it. Any thread; only the first report counts.
     */
    void lost(LinkSession dead, String reason) {
        switch (state.lost(dead, reason)) {
            case RECONNECT -> startThread("reconnect", () -> reconnect(dead, reason, LinkState.FOREVER));
            case FAIL_PENDING -> {
                List<PendingCall<?>> calls = pending.matching(call -> call.link == this);
                // Not on this thread: it may be the connection's own, which must not wait for the socket.
                startThread("abandon", () -> abandon(dead, reason, calls));
            }
            case IGNORED -> {
            }
        }
    }

    private void abandon(LinkSession dead, String reason, List<PendingCall<?>> calls) {
        dead.abort(); // first: it ends a publish stuck on the socket, which holds what detach needs
        dead.detach();
        log.warn("Client '{}' lost its link to vhost '{}': {}; failing its {} pending calls (fail-fast)",
                config.clientId(), vhost, reason, calls.size());
        for (PendingCall<?> call : calls) {
            pending.fail(call, new RpcException("lost the connection to vhost '" + vhost + "' while the call to host '"
                    + call.host.name() + "' (UUID " + call.uuid + ") was pending (" + reason
                    + "); the daemon may still process the request"));
        }
    }

    /** The reconnect loop, on its own thread: back off, try, until up, closed, or (never up) given up. */
    private void reconnect(LinkSession dead, String reason, long deadline) {
        if (dead != null) {
            dead.abort(); // first: it ends a publish stuck on the socket, which holds what detach needs
            state.holdInDoubt(dead.detach());
        }
        String problem = reason;
        for (int attempt = 1; ; attempt++) {
            Duration delay = state.nextAttempt(problem, deadline);
            if (delay == null) {
                return;
            }
            if (attempt == 1) {
                log.warn("Client '{}' {} vhost '{}': {}; {} calls wait for it; reconnecting in {} s", config.clientId(),
                        dead != null ? "lost its link to" : "cannot reach", vhost, problem,
                        pending.matching(call -> call.link == this).size(), Backoff.seconds(delay));
            } else {
                log.warn("Client '{}' still without vhost '{}': {}; reconnecting in {} s", config.clientId(), vhost,
                        problem, Backoff.seconds(delay));
            }
            try {
                if (closed.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return; // nobody else interrupts this thread; close() counts the latch down
            }
            try {
                LinkSession opened = LinkSession.open(vhost, config, pending, dispatcher, this::lost);
                if (resume(opened)) {
                    return;
                }
                problem = opened.lostReason();
            } catch (RuntimeException e) {
                problem = e.getMessage();
                if (state.givesUp(e instanceof BrokerUnavailableException unavailable && unavailable.retryable(),
                        deadline)) {
                    giveUp(problem);
                    return;
                }
            }
        }
    }

    /** Binds every host again, goes UP and publishes what waited; false if the new session died meanwhile. */
    private boolean resume(LinkSession opened) {
        for (HostSettings host : state.hosts()) {
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
        Duration downFor = state.downFor();
        List<Outgoing> waited = state.up(opened);
        if (waited == null) {
            opened.abort(); // closed meanwhile
            return true;
        }
        log.info("Client '{}' reconnected to vhost '{}' after {} s; publishing {} requests that waited for it",
                config.clientId(), vhost, Backoff.seconds(downFor), waited.size());
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
        state.unbound(host);
        log.warn("Client '{}' cannot bind host '{}' again after reconnecting: {}", config.clientId(), host.name(),
                error.getMessage());
        pending.matching(call -> call.link == this && call.host.equals(host)).forEach(call -> pending.fail(call, error));
    }

    private void giveUp(String problem) {
        Duration downFor = state.downFor();
        List<Outgoing> waited = state.giveUp();
        if (waited == null) {
            return;
        }
        String why = problem + " (gave up after waiting " + Backoff.seconds(downFor) + " s; the next call tries again)";
        log.warn("Client '{}' cannot reach vhost '{}': {}", config.clientId(), vhost, why);
        waited.forEach(request -> pending.fail(request.call(), new RpcException(why)));
    }

    /** A session that died before it was UP told nobody: the listener found it not current yet. */
    private void checkAlive(LinkSession opened) {
        if (!opened.isOpen()) {
            lost(opened, opened.lostReason());
        }
    }

    private void startThread(String what, Runnable task) {
        Thread thread = new Thread(task, "edeposit-client " + config.clientId() + " " + what + " " + vhost);
        thread.setDaemon(true);
        thread.start();
    }

    /** Why the link is down and for how long, for a time-out's message; {@code null} while it is not down. */
    String outage() {
        return state.outage();
    }

    /**
     * Stops the reconnect loop, drops what waited (the owner fails the calls), and, if connected,
     * removes the request bindings and the reply queue and disconnects. Idempotent.
     */
    void close() {
        LinkSession current = state.close();
        closed.countDown();
        if (current != null) {
            current.close();
        }
    }

    /** Requests whose confirms are outstanding; for tests. */
    int unconfirmed() {
        LinkSession current = state.session();
        return current == null ? 0 : current.unconfirmed();
    }
}
