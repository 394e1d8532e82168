package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.wire.ValueError;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Speaks clamd's socket protocol (clamd(8)): {@code zPING}, {@code zVERSION}, {@code zRELOAD}
 * and {@code zINSTREAM}, one connection per command, so a clamd restart between requests is
 * harmless.
 *
 * <p>Failures are reply-ready: clamd unreachable is a {@link ValueError} naming the socket (the
 * original's name for it), a too-large file a {@link ValueError} naming the limit, and anything
 * else that leaves a scan without a verdict a {@link ClamdError}; never an empty result.
 */
final class ClamdClient {

    static final int CHUNK_SIZE = 64 * 1024;

    private final ClamdAddress address;
    private final Duration connectTimeout;
    private final Duration scanTimeout;
    private final StreamLimit limit;

    /**
     * @param connectTimeout for connecting, and for the answer to PING, VERSION and RELOAD
     * @param scanTimeout    for a whole INSTREAM exchange, from connecting to the verdict
     * @param limit          the largest stream clamd scans whole, or null when unknown
     */
    ClamdClient(ClamdAddress address, Duration connectTimeout, Duration scanTimeout, StreamLimit limit) {
        this.address = address;
        this.connectTimeout = connectTimeout;
        this.scanTimeout = scanTimeout;
        this.limit = limit;
    }

    ClamdAddress address() {
        return address;
    }

    /** Whether clamd answers PING with PONG. */
    String ping() {
        return expect("PING", "PONG");
    }

    /** clamd's version line, e.g. {@code ClamAV 1.4.6/27500/Tue Jan 1 2025}. */
    String version() {
        return command("VERSION");
    }

    /** Asks clamd to reload its database; clamd loads it in the background after answering. */
    void reload() {
        expect("RELOAD", "RELOADING");
    }

    /**
     * Scans {@code size} bytes of {@code data}.
     *
     * @param name for messages, e.g. the file name
     * @return the signature name when clamd found something, empty when clean
     */
    Optional<String> scan(String name, long size, InputStream data) {
        if (limit != null && size > limit.bytes()) {
            throw new ValueError("'" + name + "' is " + size + " bytes, more than clamd scans: " + limit.bytes()
                    + " bytes (" + limit.source() + "); " + limit.remedy());
        }
        long deadline = System.nanoTime() + scanTimeout.toNanos();
        try (ClamdConnection connection = connect()) {
            IOException sendFailure = null;
            long sent = 0;
            try {
                connection.send(ascii("zINSTREAM\0"), deadline);
                sent = stream(connection, data, deadline);
            } catch (SocketTimeoutException e) {
                throw timeout("INSTREAM", scanTimeout, "CLAMD_SCAN_TIMEOUT", e);
            } catch (IOException e) {
                // clamd stops reading and explains itself when it refuses a stream; read that first.
                sendFailure = e;
            }
            String answer;
            try {
                answer = connection.receive(deadline);
            } catch (SocketTimeoutException e) {
                throw timeout("INSTREAM", scanTimeout, "CLAMD_SCAN_TIMEOUT", e);
            } catch (IOException e) {
                IOException cause = sendFailure != null ? sendFailure : e;
                throw new ClamdError("clamd on " + address + " broke off the scan of '" + name + "' after " + sent
                        + " bytes without a verdict (" + cause.getMessage() + "); see clamd's log", cause);
            }
            return verdict(name, answer);
        }
    }

    private long stream(ClamdConnection connection, InputStream data, long deadline) throws IOException {
        byte[] chunk = new byte[CHUNK_SIZE];
        ByteBuffer header = ByteBuffer.allocate(4);
        long sent = 0;
        while (true) {
            int count = readChunk(data, chunk);
            header.clear();
            header.putInt(count).flip();
            connection.send(header, deadline);
            if (count == 0) {
                return sent;
            }
            connection.send(ByteBuffer.wrap(chunk, 0, count), deadline);
            sent += count;
        }
    }

    private static int readChunk(InputStream data, byte[] chunk) {
        try {
            return data.readNBytes(chunk, 0, chunk.length);
        } catch (IOException | IllegalArgumentException e) {
            throw new ValueError("b64_data is not valid base64: " + e.getMessage(), e);
        }
    }

    private Optional<String> verdict(String name, String answer) {
        String text = answer.strip();
        if (text.equals("stream: OK")) {
            return Optional.empty();
        }
        if (text.startsWith("stream: ") && text.endsWith(" FOUND")) {
            return Optional.of(text.substring("stream: ".length(), text.length() - " FOUND".length()));
        }
        if (text.contains("size limit exceeded")) {
            throw new ValueError("clamd on " + address + " refused '" + name + "': it is larger than clamd's StreamMaxLength ("
                    + text + "); " + (limit != null ? limit.remedy() : "raise StreamMaxLength in clamd's clamd.conf and restart clamd"));
        }
        if (text.endsWith("ERROR")) {
            throw new ClamdError("clamd on " + address + " could not scan '" + name + "': " + text);
        }
        throw new ClamdError("clamd on " + address + " gave no verdict on '" + name + "' but answered: " + text);
    }

    private String expect(String command, String expected) {
        String answer = command(command);
        if (!answer.equals(expected)) {
            throw new ClamdError("clamd on " + address + " answered " + command + " with '" + answer + "', not " + expected);
        }
        return answer;
    }

    private String command(String command) {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        try (ClamdConnection connection = connect()) {
            connection.send(ascii("z" + command + "\0"), deadline);
            return connection.receive(deadline).strip();
        } catch (SocketTimeoutException e) {
            throw timeout(command, connectTimeout, "CLAMD_CONNECT_TIMEOUT", e);
        } catch (IOException e) {
            throw new ClamdError("clamd on " + address + " broke off " + command + " (" + e.getMessage() + ")", e);
        }
    }

    private ClamdConnection connect() {
        try {
            return ClamdConnection.open(address, connectTimeout);
        } catch (IOException e) {
            String why = e instanceof SocketTimeoutException
                    ? "no connection within " + connectTimeout.toSeconds() + " s (CLAMD_CONNECT_TIMEOUT)"
                    : String.valueOf(e.getMessage());
            throw new ValueError("Couldn't connect to clamd on " + address + ": " + why
                    + "; start clamd, or point antivirus.json (LOCALSOCKET, or CLAMD_TCP_HOST and CLAMD_TCP_PORT) at it", e);
        }
    }

    private ClamdError timeout(String command, Duration timeout, String setting, IOException cause) {
        return new ClamdError("clamd on " + address + " did not answer " + command + " within " + timeout.toSeconds()
                + " s (" + setting + " in antivirus.json)", cause);
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
