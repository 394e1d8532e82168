package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.wire.ValueError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for the indexed columns: length checks, parameters, conditions and fingerprints. */
final class Columns {

    /** The longest text a column holds (V1__storage.sql): every index entry fits PostgreSQL's B-tree limit. */
    static final int MAX_TEXT = 600;

    private Columns() {
    }

    /** Checks the texts of {@code values} against {@link #MAX_TEXT}, naming the wire field of a longer one. */
    static void checkLengths(Map<String, Object> values) {
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (entry.getValue() instanceof String text && text.length() > MAX_TEXT) {
                throw new ValueError(entry.getKey() + " is " + text.length() + " characters long; at most " + MAX_TEXT
                        + " are stored");
            }
        }
    }

    /** Whether every value is null. */
    static boolean allNull(Map<String, Object> values) {
        return values.values().stream().allMatch(v -> v == null);
    }

    /** The non-null values only, as exact conditions. */
    static Map<String, Object> conditions(Map<String, Object> values) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            if (value != null) {
                conditions.put(column, value);
            }
        });
        return conditions;
    }

    /** {@code "a = ? AND b = ?"} for the columns of {@code conditions}. */
    static String where(Map<String, Object> conditions) {
        return String.join(" AND ", conditions.keySet().stream().map(c -> c + " = ?").toList());
    }

    /** Sets {@code values} as parameters from {@code first} on; returns the next parameter index. */
    static int bind(PreparedStatement statement, int first, Iterable<Object> values) throws SQLException {
        int i = first;
        for (Object value : values) {
            if (value == null) {
                statement.setNull(i++, Types.NULL); // the server infers the type (PostgreSQL refuses VARCHAR for BIGINT)
            } else if (value instanceof Boolean b) {
                statement.setBoolean(i++, b);
            } else if (value instanceof Long l) {
                statement.setLong(i++, l);
            } else {
                statement.setString(i++, value.toString());
            }
        }
        return i;
    }

    /** A SHA-256 over every value (null distinct from any text) and the content key. */
    static String fingerprint(Map<String, Object> values, String contentKey) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Object value : List.of(values.values(), List.of(String.valueOf(contentKey))).stream()
                .flatMap(c -> c.stream().map(v -> (Object) v)).toList()) {
            byte[] bytes = value == null ? new byte[] {0} : ("\1" + value).getBytes(StandardCharsets.UTF_8);
            sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
