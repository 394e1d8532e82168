package cz.edeposit.amqp.testing;

import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.rpc.RpcMetrics;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.rpc.RpcSupervisor;
import cz.edeposit.amqp.rpc.ServiceState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An {@link RpcSupervisor} on a thread of the test JVM, with every state it reported, so a test can
 * wait for "waiting for the broker" or "serving again" and read how it ended.
 */
public final class InProcessDaemon implements AutoCloseable {

    private final RpcSupervisor supervisor;
    private final List<ServiceState> states = new ArrayList<>();
    private final CompletableFuture<String> outcome = new CompletableFuture<>();

    public InProcessDaemon(RpcSupervisor.ConnectionSource source, RpcOptions options, RecoveryPolicy policy) {
        this(source, options, policy, RpcMetrics.NONE, state -> { });
    }

    /** With metrics, and every state also told to {@code alsoTo} (e.g. a health check). */
    public InProcessDaemon(RpcSupervisor.ConnectionSource source, RpcOptions options, RecoveryPolicy policy,
                           RpcMetrics metrics, Consumer<ServiceState> alsoTo) {
        this.supervisor = new RpcSupervisor(source, options, policy, state -> {
            alsoTo.accept(state);
            record(state);
        }, metrics);
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(supervisor.run());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "in-process-daemon");
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void record(ServiceState state) {
        states.add(state);
        notifyAll();
    }

    /** Every state so far, oldest first. */
    public synchronized List<ServiceState> states() {
        return List.copyOf(states);
    }

    /** Waits until a state reported after the {@code after}-th one matches, and returns it. */
    public synchronized ServiceState awaitState(int after, Predicate<ServiceState> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = after; i < states.size(); i++) {
                if (wanted.test(states.get(i))) {
                    return states.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || outcome.isDone()) {
                throw new AssertionError("no wanted state within " + timeout + "; states: " + states
                        + (outcome.isDone() ? ", ended: " + outcome : ""));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits for the phase to be reported (again) after the {@code after}-th state. */
    public ServiceState await(int after, ServiceState.Phase phase, Duration timeout) throws InterruptedException {
        return awaitState(after, state -> state.phase() == phase, timeout);
    }

    /** How {@link RpcSupervisor#run()} ended: its result, or what it threw. */
    public CompletableFuture<String> outcome() {
        return outcome;
    }

    @Override
    public void close() {
        supervisor.close();
        try {
            outcome.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The outcome is the test's business; close only makes sure the thread is done.
        }
    }
}
