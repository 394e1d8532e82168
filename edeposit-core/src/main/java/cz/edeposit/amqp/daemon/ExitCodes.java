package cz.edeposit.amqp.daemon;

/** The exit statuses shared by every daemon and the tool (sysexits / LSB where they have one). */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** LSB {@code status}: the program is not running. */
    public static final int NOT_RUNNING = 3;
    /** sysexits EX_CONFIG: a settings file or variable is wrong. */
    public static final int CONFIG = 78;

    private ExitCodes() {
    }
}
