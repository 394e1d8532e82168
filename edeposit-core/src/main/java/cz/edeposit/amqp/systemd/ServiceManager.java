package cz.edeposit.amqp.systemd;

import cz.edeposit.amqp.rpc.Heartbeat;
import cz.edeposit.amqp.rpc.ServiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What systemd learns from a daemon of a {@code Type=notify} unit: {@code READY=1} once it consumes,
 * {@code STOPPING=1} when it stops, a {@code STATUS=} line at each phase, and {@code WATCHDOG=1} at
 * half of {@code WATCHDOG_USEC} from the supervision loop, only while no worker is stuck. Before it is
 * ready, each healthy beat extends the start time-out ({@code EXTEND_TIMEOUT_USEC}), so that a daemon
 * waiting for the broker is not killed while a hung one is. docs/operations.md has the unit's side.
 */
public final class ServiceManager implements Consumer<ServiceState>, Heartbeat {

    private static final Logger log = LoggerFactory.getLogger(ServiceManager.class);

    static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";
    static final String WATCHDOG_USEC = "WATCHDOG_USEC";
    static final String WATCHDOG_PID = "WATCHDOG_PID";
    /** How often the supervision loop beats when systemd asks for no watchdog: for the start time-out only. */
    static final Duration NO_WATCHDOG_PERIOD = Duration.ofSeconds(30);

    private final SdNotify notify;
    private final boolean watchdog;
    private final Duration period;
    private final long pid;
    private final String serving;
    private boolean ready;
    private boolean stopping;
    private String status = "";
    private String stuck;

    /**
     * @param watchdog the watchdog time-out systemd set, or null for none
     * @param serving  the status line while consuming, e.g. which queue
     */
    ServiceManager(SdNotify notify, Duration watchdog, long pid, String serving) {
        this.notify = notify;
        this.watchdog = watchdog != null;
        this.period = watchdog != null ? watchdog.dividedBy(2) : NO_WATCHDOG_PERIOD;
        this.pid = pid;
        this.serving = serving;
    }

    /**
     * The service manager of this process when systemd gave it a {@code NOTIFY_SOCKET}, else empty.
     * The socket (and JNA) is made on a thread of its own, so that the start-up does not wait for it.
     */
    public static Optional<ServiceManager> fromEnvironment(Map<String, String> env, long pid, String serving) {
        String socket = env.get(NOTIFY_SOCKET);
        if (socket == null || socket.isEmpty()) {
            return Optional.empty();
        }
        CompletableFuture<SdNotify> opened = CompletableFuture.supplyAsync(() -> NotifySocket.open(socket), task -> {
            Thread thread = new Thread(task, "edeposit-sd-notify");
            thread.setDaemon(true);
            thread.start();
        });
        return Optional.of(new ServiceManager(state -> opened.join().send(state), watchdog(env, pid), pid, serving));
    }

    /** {@code WATCHDOG_USEC} when it is meant for this process ({@code WATCHDOG_PID} unset or ours), else null. */
    static Duration watchdog(Map<String, String> env, long pid) {
        String usec = env.get(WATCHDOG_USEC);
        String watchdogPid = env.get(WATCHDOG_PID);
        if (usec == null || usec.isEmpty() || (watchdogPid != null && !watchdogPid.equals(Long.toString(pid)))) {
            return null;
        }
        try {
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Duration.ofNanos(micros * 1_000) : null;
        } catch (NumberFormatException e) {
            log.warn("Ignoring {}={}: not a number of microseconds", WATCHDOG_USEC, usec);
            return null;
        }
    }

    /** How often the supervision loop should {@link #beat}: half the watchdog time-out. */
    public Duration period() {
        return period;
    }

    @Override
    public synchronized void accept(ServiceState state) {
        String detail = state.detail().lines().findFirst().orElse("");
        StringBuilder message = new StringBuilder();
        switch (state.phase()) {
            case CONNECTING -> status = "connecting to RabbitMQ";
            case WAITING -> status = "waiting for RabbitMQ: " + detail;
            case RECONNECTING -> status = "not serving: " + detail;
            case SERVING -> {
                status = serving;
                if (!ready && !stopping) {
                    ready = true;
                    message.append("READY=1\nMAINPID=").append(pid).append('\n');
                }
            }
            case STOPPING -> {
                status = "stopping: finishing the requests in hand";
                stopping = true;
                message.append("STOPPING=1\n");
            }
        }
        notify.send(message.append("STATUS=").append(stuck != null ? stuck : status).toString());
    }

    @Override
    public synchronized void beat(String problem) {
        StringBuilder message = new StringBuilder();
        if (problem != null) {
            stuck = "stuck: " + problem;
            message.append("STATUS=").append(stuck);
        } else {
            if (stuck != null) {
                stuck = null;
                message.append("STATUS=").append(status).append('\n');
            }
            if (watchdog) {
                message.append("WATCHDOG=1\n");
            }
            if (!ready && !stopping) {
                message.append("EXTEND_TIMEOUT_USEC=").append(period.multipliedBy(3).toNanos() / 1_000).append('\n');
            }
        }
        if (message.length() > 0) {
            notify.send(message.toString().strip());
        }
    }
}
