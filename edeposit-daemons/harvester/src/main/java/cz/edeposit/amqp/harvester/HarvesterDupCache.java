package cz.edeposit.amqp.harvester;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The duplicate filter's memory, {@code DUP_FILTER_FILE}: a JSON array of the keys of announced books (the
 * original's file, a JSON list too, is read as is). Written only after the broker confirmed the message, through a
 * temporary file in the same directory and an atomic move, so a crash leaves either the old or the new list.
 */
final class HarvesterDupCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Set<String> keys;

    private HarvesterDupCache(Path file, Set<String> keys) {
        this.file = file;
        this.keys = keys;
    }

    /** The remembered keys; none when the file does not exist yet. */
    static HarvesterDupCache open(Path file) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        if (Files.exists(file)) {
            JsonNode root = JSON.readTree(file.toFile());
            if (root != null && root.isArray()) {
                root.forEach(key -> keys.add(key.asText()));
            } else if (root != null && root.isObject()) {
                root.fieldNames().forEachRemaining(keys::add);
            } else if (root != null) {
                throw new IOException(file + " is not a JSON list of keys");
            }
        }
        return new HarvesterDupCache(file, keys);
    }

    /** Whether the book was announced before, under its key or under the original's form of it. */
    boolean known(HarvesterMessages.Publication book) {
        return keys.contains(HarvesterKeys.key(book))
                || HarvesterKeys.legacyKey(book).map(keys::contains).orElse(false);
    }

    /** Remembers the books and writes the file atomically; call only once the broker has confirmed them. */
    void rememberAndSave(List<HarvesterMessages.Publication> books) throws IOException {
        books.forEach(book -> keys.add(HarvesterKeys.key(book)));
        writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(keys));
    }

    int size() {
        return keys.size();
    }

    /** Writes next to {@code target} and moves over it, so that no reader ever sees half a file. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
