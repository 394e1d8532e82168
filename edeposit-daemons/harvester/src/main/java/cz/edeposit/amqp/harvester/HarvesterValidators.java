package cz.edeposit.amqp.harvester;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP validators (ETag, Last-Modified) of each source URL, in {@code HARVESTER_STATE_DIR/validators.json}; they
 * are sent back on the next run, and saved atomically only after the broker confirmed the run's message, so that
 * books of a failed publish are fetched again rather than answered with 304.
 */
final class HarvesterValidators {

    static final String FILE = "validators.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a server said identifies the version of a document. */
    record Validator(Optional<String> etag, Optional<String> lastModified) {
    }

    private final Path file;
    private final Map<String, Validator> byUrl;

    private HarvesterValidators(Path file, Map<String, Validator> byUrl) {
        this.file = file;
        this.byUrl = byUrl;
    }

    /** No validators, so every fetch is unconditional; for {@code --unittest}, which saves nothing. */
    static HarvesterValidators none(Path stateDir) {
        return new HarvesterValidators(stateDir.resolve(FILE), new LinkedHashMap<>());
    }

    static HarvesterValidators open(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        Map<String, Validator> byUrl = new LinkedHashMap<>();
        if (Files.exists(file)) {
            JsonNode root = JSON.readTree(file.toFile());
            if (root != null && root.isObject()) {
                root.fields().forEachRemaining(entry -> byUrl.put(entry.getKey(), new Validator(
                        text(entry.getValue(), "etag"), text(entry.getValue(), "last_modified"))));
            }
        }
        return new HarvesterValidators(file, byUrl);
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
    }

    Optional<Validator> get(URI url) {
        return Optional.ofNullable(byUrl.get(url.toString()));
    }

    void put(URI url, Validator validator) {
        if (validator != null && (validator.etag().isPresent() || validator.lastModified().isPresent())) {
            byUrl.put(url.toString(), validator);
        }
    }

    void save() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        byUrl.forEach((url, validator) -> {
            ObjectNode node = root.putObject(url);
            validator.etag().ifPresent(v -> node.put("etag", v));
            validator.lastModified().ifPresent(v -> node.put("last_modified", v));
        });
        HarvesterDupCache.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
