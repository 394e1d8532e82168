package cz.edeposit.amqp.ftp;

import org.apache.commons.codec.digest.Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The password hashes of the passwd file: new ones are SHA-512 crypt ({@code $6$}) with a random salt; the
 * SHA-256 ({@code $5$}) and MD5 ({@code $1$}) crypt hashes that {@code ftpasswd} writes are checked too.
 */
final class FtpPasswords {

    /** The longest password accepted: SHA-crypt's work grows with the length, and no person types more. */
    static final int MAX_LENGTH = 1024;

    private static final String SALT_CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FtpPasswords() {
    }

    /** A {@code $6$} hash of {@code password} with 16 random salt characters, the most crypt(3) takes. */
    static String hash(String password) {
        StringBuilder salt = new StringBuilder("$6$");
        for (int i = 0; i < 16; i++) {
            salt.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
        }
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        try {
            return Sha2Crypt.sha512Crypt(key, salt.toString());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Whether {@code password} gives {@code hash}; false for hashes that are not {@code $1$}, {@code $5$} or {@code $6$}. */
    static boolean matches(String password, String hash) {
        if (!(hash.startsWith("$1$") || hash.startsWith("$5$") || hash.startsWith("$6$"))) {
            return false;
        }
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        try {
            String computed = Crypt.crypt(key, hash);
            return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return false; // a malformed salt
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
