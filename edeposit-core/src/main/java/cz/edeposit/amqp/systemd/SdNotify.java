package cz.edeposit.amqp.systemd;

/**
 * Sends one notification to the service manager, as {@code sd_notify(3)} does: newline-separated
 * assignments such as {@code READY=1}, {@code WATCHDOG=1} or {@code STATUS=...}.
 */
@FunctionalInterface
public interface SdNotify {

    /** Sends {@code state}; never throws, since a lost notification must not stop the daemon. */
    void send(String state);
}
