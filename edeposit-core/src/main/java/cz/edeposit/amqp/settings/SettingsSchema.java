package cz.edeposit.amqp.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered set of keys a settings file may contain, each declared once with its default, its kind and its range.
 *
 * <p>Only keys of the schema are applied; the file cannot introduce new settings (as in the
 * original). {@link Settings#load} checks every value, from the file or from {@code EDEPOSIT_<KEY>},
 * against its declaration, so a daemon's settings record only converts; a bad value is one
 * {@link ConfigException} worded by {@link Settings} for every kind.
 */
public final class SettingsSchema {
    /** The kind of a setting: what it accepts and how it is stored. */
    enum Kind {
        /** Stored as String; accepts a JSON string or an integral number (its decimal text). */
        STRING,
        /** Like STRING, stripped, and must not be blank. */
        NON_BLANK,
        /** Like STRING, but the value never appears in logs, toString or messages. */
        SECRET,
        /** Stored as the canonical decimal String, because the original's default is the string "5672". */
        PORT,
        /** Stored as Long, within the declared range. */
        INTEGER,
        /** Stored as Long: a number of bytes within the declared range. */
        BYTES,
        /** Stored as Boolean. */
        BOOL,
        /** Stored as a finite Double. */
        DECIMAL,
        /** Stored as Duration: a number of seconds, fractions allowed, within the declared range. */
        SECONDS,
        /** Stored as a normalized absolute Path. */
        PATH,
        /** Stored as Optional of a normalized absolute Path; {@code ""} (or blanks) is empty. */
        OPTIONAL_PATH,
        /** Stored as URI: http or https, with a host, no query or fragment, no trailing slash. */
        HTTP_URL,
        /** Stored as an unmodifiable List of stripped, non-blank Strings: a JSON array, or one string with commas between the items. */
        STRINGS
    }

    /**
     * One key with its kind, its already-converted default and, for the number kinds, its range.
     *
     * @param min the smallest accepted number (Long for whole numbers, Double for seconds), or null
     * @param max the largest accepted number, or null
     */
    record Entry(String key, Kind kind, Object defaultValue, Number min, Number max) {
        /** What a valid value looks like, with its range and unit: the middle of every settings error. */
        String expected() {
            return switch (kind) {
                case STRING, SECRET -> "a string (or a whole number)";
                case NON_BLANK -> "a non-blank string";
                case PORT -> "a port number from 1 to 65535";
                case INTEGER -> "a whole number from " + min + " to " + max;
                case BYTES -> "a number of bytes from " + Values.bytes(min.longValue()) + " to " + Values.bytes(max.longValue());
                case BOOL -> "true or false";
                case DECIMAL -> "a number";
                case SECONDS -> "a number of seconds from " + Values.plain(min.doubleValue()) + " to "
                        + Values.plain(max.doubleValue());
                case PATH -> "an absolute path";
                case OPTIONAL_PATH -> "an absolute path, or \"\" for none";
                case HTTP_URL -> "an http:// or https:// URL with a host and no query, such as " + defaultValue;
                case STRINGS -> "a list of strings (a JSON array of strings, or one string with commas between the items)";
            };
        }
    }

    private final Map<String, Entry> entries;

    private SettingsSchema(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** A builder that collects keys in the order they are added. */
    public static Builder builder() {
        return new Builder();
    }

    /** The keys in the order they were added. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** The entry of {@code key}, or null when the key is not part of the schema. */
    Entry entry(String key) {
        return entries.get(key);
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    /** Collects the keys of a {@link SettingsSchema}; each key may be added once, and each default must fit its range. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder string(String key, String def) {
            return add(key, Kind.STRING, Objects.requireNonNull(def, "def"), null, null);
        }

        /** A string that must hold more than blanks; it is stored stripped. */
        public Builder nonBlank(String key, String def) {
            return add(key, Kind.NON_BLANK, convertDefault(key, Kind.NON_BLANK, def), null, null);
        }

        /** A whole number of any size; prefer {@link #integer(String, long, long, long)}, which states the range. */
        public Builder integer(String key, long def) {
            return integer(key, def, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        /** A whole number from {@code min} to {@code max}, both included. */
        public Builder integer(String key, long def, long min, long max) {
            return add(key, Kind.INTEGER, def, min, max);
        }

        /** A number of bytes from {@code min} to {@code max}, both included. */
        public Builder bytes(String key, long def, long min, long max) {
            return add(key, Kind.BYTES, def, min, max);
        }

        /** A number of seconds, fractions allowed, from {@code min} to {@code max}; read as a {@link Duration}. */
        public Builder seconds(String key, double def, double min, double max) {
            if (!(Double.isFinite(min) && Double.isFinite(max) && min >= 0)) {
                throw new IllegalArgumentException("the range of " + key + " must be finite and not negative");
            }
            return add(key, Kind.SECONDS, Values.duration(def), min, max);
        }

        public Builder bool(String key, boolean def) {
            return add(key, Kind.BOOL, def, null, null);
        }

        public Builder decimal(String key, double def) {
            if (!Double.isFinite(def)) {
                throw new IllegalArgumentException("default of " + key + " must be finite, not " + def);
            }
            return add(key, Kind.DECIMAL, def, null, null);
        }

        /** A string setting holding a port number 1-65535; the default is a string, as in the original. */
        public Builder port(String key, String def) {
            return add(key, Kind.PORT, convertDefault(key, Kind.PORT, def), null, null);
        }

        /** A string setting whose value is never shown in logs, toString or error messages. */
        public Builder secret(String key, String def) {
            return add(key, Kind.SECRET, Objects.requireNonNull(def, "def"), null, null);
        }

        /** An absolute path, read as a normalized {@link Path}. */
        public Builder path(String key, String def) {
            return add(key, Kind.PATH, convertDefault(key, Kind.PATH, def), null, null);
        }

        /** An absolute path or {@code ""} for none, read as an {@link Optional} of a normalized {@link Path}. */
        public Builder optionalPath(String key, String def) {
            return add(key, Kind.OPTIONAL_PATH, convertDefault(key, Kind.OPTIONAL_PATH, def), null, null);
        }

        /** An http or https URL with a host and no query, read as a {@link URI} without a trailing slash. */
        public Builder httpUrl(String key, String def) {
            return add(key, Kind.HTTP_URL, convertDefault(key, Kind.HTTP_URL, def), null, null);
        }

        /**
         * A list of non-blank strings, stored stripped: a JSON array of strings in a file, or one
         * string with commas between the items (in a file or an {@code EDEPOSIT_<KEY>} variable;
         * {@code ""} is the empty list).
         */
        public Builder strings(String key, List<String> def) {
            Object value = Values.strings(Objects.requireNonNull(def, "def"));
            if (value == null) {
                throw new IllegalArgumentException("default of " + key + " must hold only non-blank strings: " + def);
            }
            return add(key, Kind.STRINGS, value, null, null);
        }

        public SettingsSchema build() {
            return new SettingsSchema(entries);
        }

        private static Object convertDefault(String key, Kind kind, String def) {
            Objects.requireNonNull(def, "def");
            Object value = Values.convertText(kind, def);
            if (value == null) {
                throw new IllegalArgumentException("default of " + key + " does not fit its kind " + kind + ": '" + def + "'");
            }
            return value;
        }

        private Builder add(String key, Kind kind, Object def, Number min, Number max) {
            Objects.requireNonNull(key, "key");
            if (key.isBlank()) {
                throw new IllegalArgumentException("a setting key must not be blank");
            }
            if (entries.containsKey(key)) {
                throw new IllegalArgumentException("setting " + key + " is declared twice");
            }
            Entry entry = new Entry(key, kind, def, min, max);
            if (min != null && (min.doubleValue() > max.doubleValue() || !Values.inRange(entry, def))) {
                throw new IllegalArgumentException("default of " + key + " must be " + entry.expected() + ", not " + def);
            }
            entries.put(key, entry);
            return this;
        }
    }
}
