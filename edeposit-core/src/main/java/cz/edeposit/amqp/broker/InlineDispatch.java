package cz.edeposit.amqp.broker;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The consumer-dispatch executor of a daemon's connection: runs amqp-client's consumer callbacks
 * on the connection's own I/O thread instead of handing each one to a pool thread.
 *
 * <p>A daemon's callbacks only put an event on a worker's queue ({@code rpc.RpcWorker}), so the pool
 * thread between the connection thread and the worker was a second wake-up per request: about
 * 13 µs of CPU on the benchmark machine (docs/performance.md). Never use it for a connection whose
 * consumers do real work in their callbacks (the RPC client's), since they would stall the
 * connection's reading and its heartbeats.
 */
final class InlineDispatch extends AbstractExecutorService {

    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
