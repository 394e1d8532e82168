package cz.edeposit.amqp.antivirus;

import java.util.List;
import java.util.Map;

/**
 * Reply to {@link ScanFile}: {@code result} is empty when clean, otherwise it maps the request's
 * {@code filename} to {@code ["FOUND", "<signature name>"]} as the original did.
 */
public record ScanResult(String filename, Map<String, List<String>> result) {

    /** What clamd calls a stream; the key of a finding when the request had no filename. */
    static final String UNNAMED = "stream";

    static ScanResult clean(String filename) {
        return new ScanResult(filename, Map.of());
    }

    static ScanResult found(String filename, String signature) {
        return new ScanResult(filename, Map.of(filename == null ? UNNAMED : filename, List.of("FOUND", signature)));
    }
}
