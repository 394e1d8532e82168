package cz.edeposit.amqp.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The service manager's end of {@code NOTIFY_SOCKET}, owned by a test: a python3 process bound to an
 * AF_UNIX datagram socket (Java 17 cannot bind one) that prints each notification as one line, which
 * this class keeps with the time it arrived. Give {@link #socket()} to a daemon as {@code NOTIFY_SOCKET}.
 */
public final class NotifyListener implements AutoCloseable {

    // Newlines inside a notification are printed as "\n", backslashes as "\\".
    private static final String LISTENER = String.join("\n",
            "import socket, sys",
            "name = sys.argv[1]",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "s.bind('\\0' + name[1:] if name.startswith('@') else name)",
            "print('listening', flush=True)",
            "while True:",
            "    data = s.recv(65536).decode('utf-8')",
            "    print(data.replace('\\\\', '\\\\\\\\').replace('\\n', '\\\\n'), flush=True)");

    /** One notification and when it arrived ({@link System#nanoTime()}). */
    public record Message(long nanos, String text) {
        /** Whether it holds the assignment {@code line}, e.g. {@code READY=1}. */
        public boolean has(String line) {
            return text.lines().anyMatch(line::equals);
        }

        /** The value of {@code KEY=} in it, or null. */
        public String value(String key) {
            return text.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                    .findFirst().orElse(null);
        }
    }

    private final String socket;
    private final Path file;
    private final Process process;
    private final List<Message> messages = new ArrayList<>();

    private NotifyListener(String socket, Path file) throws IOException, InterruptedException {
        this.socket = socket;
        this.file = file;
        process = new ProcessBuilder("python3", "-c", LISTENER, socket).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        if (!"listening".equals(first)) {
            process.destroyForcibly();
            throw new IOException("the python3 listener did not start: " + first);
        }
        Thread reader = new Thread(() -> read(lines), "notify-listener");
        reader.setDaemon(true);
        reader.start();
    }

    /** A listener on a socket file in {@code dir}. */
    public static NotifyListener inDirectory(Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("notify.sock");
        return new NotifyListener(file.toString(), file);
    }

    /** A listener on a socket in the abstract namespace, {@code @name} as systemd writes it. */
    public static NotifyListener abstractNamed(String name) throws IOException, InterruptedException {
        return new NotifyListener("@" + name, null);
    }

    /** The value for {@code NOTIFY_SOCKET}. */
    public String socket() {
        return socket;
    }

    private void read(BufferedReader lines) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String text = line.replace("\\n", "\n").replace("\\\\", "\\");
                synchronized (this) {
                    messages.add(new Message(System.nanoTime(), text));
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the listener was closed
        }
    }

    /** Every notification so far, oldest first. */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The first notification that matches, waiting up to {@code limit} for it; an AssertionError otherwise. */
    public synchronized Message await(String what, Predicate<Message> wanted, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            for (Message message : messages) {
                if (wanted.test(message)) {
                    return message;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no notification " + what + " within " + limit + "; got " + messages);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
