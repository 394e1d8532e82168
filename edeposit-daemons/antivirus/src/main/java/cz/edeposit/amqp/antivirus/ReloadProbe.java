package cz.edeposit.amqp.antivirus;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A one-off body signature installed with every database update, so that the daemon can see when
 * clamd has really activated the new database: clamd answers RELOAD at once, loads in the
 * background, and keeps the old database when the new one does not load. Only the probe's own
 * random sample matches it.
 */
final class ReloadProbe {

    /** The file in clamd's database directory; each update replaces it. */
    static final String FILE_NAME = "edeposit-reload-check.ndb";
    static final String SIGNATURE = "Edeposit.ReloadCheck";

    private final String token;

    private ReloadProbe(String token) {
        this.token = token;
    }

    static ReloadProbe fresh() {
        return new ReloadProbe("edeposit-reload-check-" + UUID.randomUUID());
    }

    /** The .ndb file: name, any target type, any offset, the token's bytes in hex. */
    byte[] file() {
        String line = SIGNATURE + ":0:*:" + HexFormat.of().formatHex(sample()) + "\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /** The bytes only this probe's signature matches. */
    byte[] sample() {
        return token.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether clamd's verdict on {@link #sample()} is this probe (clamd adds {@code .UNOFFICIAL}). */
    static boolean matches(String signature) {
        return signature.equals(SIGNATURE) || signature.startsWith(SIGNATURE + ".");
    }
}
