package cz.edeposit.amqp.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The life of a RabbitMQ of a test class's own ({@link PrivateBroker}, {@link PrivateCluster}) as one
 * JUnit 5 extension, registered as {@code @RegisterExtension static final}: booted before the class's
 * first test, whatever a test stopped started again after that test, removed after the last test, and
 * removed at JVM exit if nothing else did.
 */
abstract class PrivateRabbit implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** How a node a test stopped is brought back. */
    interface Restart {
        void run() throws Exception;
    }

    // What a test stopped (a node, or its app), and how each is brought back after that test.
    private final Map<Object, Restart> down = new ConcurrentHashMap<>();
    private final Thread cleanup = new Thread(this::close, getClass().getSimpleName() + "-cleanup");
    private boolean closed;

    /** Starts the nodes; on failure {@link #close()} has removed whatever was started. */
    abstract void boot() throws Exception;

    /** Stops the nodes and deletes their files, whatever state {@link #boot()} reached. */
    abstract void remove();

    /** Boots, with the JVM-exit clean-up in place from the first file on. */
    final void launch() throws Exception {
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            boot();
        } catch (Exception | Error e) { // an Error too: the wait for a port fails with an AssertionError
            close();
            throw e;
        }
    }

    /** Notes that a test stopped {@code what}, to be brought back by {@code restart} after that test. */
    final void stopped(Object what, Restart restart) {
        down.put(what, restart);
    }

    /** Notes that {@code what} is up again. */
    final void started(Object what) {
        down.remove(what);
    }

    @Override
    public final void beforeAll(ExtensionContext context) throws Exception {
        launch();
    }

    @Override
    public final void afterEach(ExtensionContext context) throws Exception {
        for (Restart restart : Map.copyOf(down).values()) {
            restart.run();
        }
    }

    @Override
    public final void afterAll(ExtensionContext context) {
        close();
    }

    /** Stops every node and deletes its files; idempotent, and run at JVM exit if a test forgot. */
    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // Already shutting down: this is the hook.
        }
        remove();
    }
}
