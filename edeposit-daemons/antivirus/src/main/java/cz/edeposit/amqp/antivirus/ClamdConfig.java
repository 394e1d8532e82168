package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.settings.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few settings of clamd's own {@code clamd.conf} the daemon needs: where clamd listens, where
 * its database lives and how much of a stream it scans.
 */
final class ClamdConfig {

    /** clamd's compiled-in defaults (clamd.conf(5), ClamAV 1.x). */
    static final String DEFAULT_DATABASE_DIRECTORY = "/var/lib/clamav";
    private static final Map<String, String> DEFAULT_SIZES = Map.of(
            "StreamMaxLength", "100M", "MaxFileSize", "100M", "MaxScanSize", "400M");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kKmMgG]?)");

    private final Path file;
    private final Map<String, String> values;

    private ClamdConfig(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /**
     * Reads {@code file}: {@code Name value} lines, {@code #} comments; the first occurrence of
     * a repeated option counts.
     *
     * @throws ConfigException when the file cannot be read
     */
    static ClamdConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException("antivirus.json: CONF_PATH " + file + ": cannot read clamd's configuration ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); make it readable, or set CONF_PATH to \"\"");
        }
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            String value = parts.length > 1 ? unquote(parts[1].strip()) : "";
            values.putIfAbsent(parts[0], value);
        }
        return new ClamdConfig(file, values);
    }

    Path file() {
        return file;
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    Path databaseDirectory() {
        return Path.of(value("DatabaseDirectory").orElse(DEFAULT_DATABASE_DIRECTORY));
    }

    /**
     * The largest stream clamd scans whole: the smallest of {@code StreamMaxLength} (clamd refuses
     * more), {@code MaxFileSize} and {@code MaxScanSize} (clamd skips or cuts more, and calls the
     * file clean); empty when all three are disabled with 0.
     *
     * @throws ConfigException when one of them is not a size
     */
    Optional<StreamLimit> streamLimit() {
        StreamLimit smallest = null;
        for (String name : new String[] {"StreamMaxLength", "MaxFileSize", "MaxScanSize"}) {
            String text = value(name).orElse(DEFAULT_SIZES.get(name));
            long bytes = parseSize(name, text);
            boolean explicit = value(name).isPresent();
            if (bytes > 0 && (smallest == null || bytes < smallest.bytes())) {
                smallest = new StreamLimit(bytes, name + " " + text + (explicit ? " in " : " (clamd's default; not set in ") + file
                        + (explicit ? "" : ")"), name, file);
            }
        }
        return Optional.ofNullable(smallest);
    }

    /**
     * What in this clamd.conf lets clamd answer {@code OK} for content it did not scan, each with
     * its fix; empty when nothing does. Checked with ClamAV 1.4 (docs/antivirus.md, "Silent limits"):
     * without {@code AlertExceedsMax yes} every limit passes silently; with it, a zip member larger
     * than {@code MaxFileSize} but within the {@code MaxScanSize} still left is skipped without an alert,
     * so {@code MaxFileSize} must be 0 or at least {@code MaxScanSize}.
     *
     * @throws ConfigException when a size is not a size
     */
    List<String> silentLimits() {
        List<String> problems = new ArrayList<>();
        if (!isYes("AlertExceedsMax")) {
            problems.add("AlertExceedsMax is not yes, so clamd answers OK for a file it skipped or cut at MaxFileSize,"
                    + " MaxScanSize, MaxRecursion or MaxFiles: add 'AlertExceedsMax yes'");
        }
        long fileSize = size("MaxFileSize");
        long scanSize = size("MaxScanSize");
        if (fileSize != 0 && (scanSize == 0 || fileSize < scanSize)) {
            problems.add("MaxFileSize " + sizeText("MaxFileSize") + " is below MaxScanSize " + sizeText("MaxScanSize")
                    + (scanSize == 0 ? " (no limit)" : "")
                    + ", so clamd skips a zip member larger than MaxFileSize without an alert: set MaxFileSize to the value of MaxScanSize");
        }
        return problems;
    }

    /** Whether a yes/no option is on (clamd takes yes, true, on and 1). */
    boolean isYes(String name) {
        return value(name).map(v -> List.of("yes", "true", "on", "1").contains(v.toLowerCase(Locale.ROOT))).orElse(false);
    }

    private long size(String name) {
        return parseSize(name, sizeText(name));
    }

    private String sizeText(String name) {
        return value(name).orElse(DEFAULT_SIZES.get(name));
    }

    private long parseSize(String name, String text) {
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            throw new ConfigException(file + ": " + name + " must be a size such as 25M, 512K or 1048576, not '" + text + "'");
        }
        long number = Long.parseLong(matcher.group(1));
        switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "K":
                return number << 10;
            case "M":
                return number << 20;
            case "G":
                return number << 30;
            default:
                return number;
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
