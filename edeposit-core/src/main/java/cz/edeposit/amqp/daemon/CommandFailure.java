package cz.edeposit.amqp.daemon;

import java.util.List;

/**
 * An expected failure that says itself what to print: the lines for standard error, as they are,
 * and the exit status ({@link ExitCodes#report} prints and returns them).
 */
public class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> lines;
    private final int exitCode;

    public CommandFailure(int exitCode, List<String> lines) {
        super(String.join(System.lineSeparator(), lines));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a failure needs at least one line to print");
        }
        this.lines = List.copyOf(lines);
        this.exitCode = exitCode;
    }

    public List<String> lines() {
        return lines;
    }

    public int exitCode() {
        return exitCode;
    }
}
