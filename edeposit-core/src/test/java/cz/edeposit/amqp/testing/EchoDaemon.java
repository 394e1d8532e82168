package cz.edeposit.amqp.testing;

import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.wire.UserWarning;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A small daemon of the test sources (never shipped) that exercises every path of the framework:
 * echo, progress, slow work, failures and a crash. It serves the {@code downloader} host settings, which
 * the tests move into a vhost of their own.
 */
public final class EchoDaemon {

    /** Replies {@link Echoed} with the same value. */
    public record Echo(Object value) {
    }

    public record Echoed(Object value) {
    }

    /** Sends {@code count} {@link Step} progress messages, then {@link Done}. */
    public record Steps(int count) {
    }

    public record Step(int step) {
    }

    public record Done(int steps) {
    }

    /** Sleeps, then replies {@link Done}; for drain and crash tests. */
    public record Sleep(long millis) {
    }

    /**
     * Sleeps {@code millis} ignoring interrupts, then replies {@link Done}: a stuck handler for the
     * handler time-out and systemd's watchdog.
     */
    public record Stubborn(long millis) {
    }

    /**
     * Waits until the file {@code path} exists, then replies {@link Done}: calls a test holds in the workers
     * while it sets up a fault, and lets go of when it is in place.
     */
    public record Gate(String path) {
    }

        /** Throws a {@link UserWarning}, or a {@link DomainFailure} when {@code domain} is true. */
    public record Fail(String message, Boolean domain) {
    }

    /**
     * Kills the daemon's JVM at once ({@link Runtime#halt}, exit {@value #HALT_STATUS}), as an OOM
     * kill or a crashing native library would, so the request is redelivered: the poison-message
     * test. Send it only to a daemon process, never to a handler running in the test JVM.
     */
    public record Halt(String why) {
    }

    /** The log line (an SLF4J pattern) a {@link Sleep} request writes when its handler starts. */
    public static final String SLEEP_STARTED = "Sleep of {} ms started";

    /** The exit status of a daemon killed by {@link Halt}. */
    public static final int HALT_STATUS = 99;

    /** A handler-defined error; its simple name is what clients branch on. */
    public static final class DomainFailure extends RuntimeException {
        public DomainFailure(String message) {
            super(message);
        }
    }

    public static final TypeRegistry REQUESTS = TypeRegistry.of(
            MessageType.of(Echo.class), MessageType.of(Steps.class), MessageType.of(Sleep.class), MessageType.of(Halt.class),
            MessageType.of(Stubborn.class),
            MessageType.of(Gate.class),
            MessageType.of(Fail.class).withDefault("domain", false));

    /** The handler, usable in-process too. */
    public static final RpcHandler HANDLER = EchoDaemon::handle;

    public static final DaemonSpec SPEC = new DaemonSpec("echo-test", "edeposit-echo-testd",
            "Echo daemon of the test suite.", "downloader", () -> REQUESTS, environment -> HANDLER, EchoDaemon.class, WorkKind.SHORT);

    private EchoDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }

    private static Object handle(Object request, RpcContext context) throws Exception {
        if (request instanceof Echo echo) {
            return new Echoed(echo.value());
        }
        if (request instanceof Steps steps) {
            for (int i = 1; i <= steps.count(); i++) {
                context.progress(new Step(i));
            }
            return new Done(steps.count());
        }
        if (request instanceof Sleep sleep) {
            // Process tests wait for this line: a request in the handler, not merely prefetched.
            LoggerFactory.getLogger(EchoDaemon.class).info(SLEEP_STARTED, sleep.millis());
            Thread.sleep(sleep.millis()); // the behaviour asked for: a handler that takes time
            return new Done(0);
        }
        if (request instanceof Stubborn stubborn) {
            long end = System.nanoTime() + stubborn.millis() * 1_000_000;
            for (long left = stubborn.millis(); left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                try {
                    Thread.sleep(left); // the behaviour asked for: a handler that takes time, whatever happens
                } catch (InterruptedException e) {
                    // ignored: that is what makes it stubborn
                }
            }
            return new Done(0);
        }
        if (request instanceof Gate gate) {
            // Held until the test opens the gate; one that is never opened fails the request after 30 min.
            Await.until("the gate " + gate.path() + " opens", Duration.ofMinutes(30), Duration.ofMillis(20),
                    () -> Files.exists(Path.of(gate.path())));
            return new Done(0);
        }
        if (request instanceof Halt) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
        if (request instanceof Fail fail) {
            throw Boolean.TRUE.equals(fail.domain()) ? new DomainFailure(fail.message()) : new UserWarning(fail.message());
        }
        throw new IllegalArgumentException("unexpected request " + request);
    }
}
