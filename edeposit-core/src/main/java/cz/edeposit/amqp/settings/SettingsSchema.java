package cz.edeposit.amqp.settings;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered set of keys a settings file may contain, each with its default and the kind of value it accepts.
 *
 * <p>Only keys of the schema are applied; the file cannot introduce new settings (as in the
 * original). The kinds decide which JSON values and environment texts are accepted; see
 * {@link Settings#load}.
 */
public final class SettingsSchema {
    /** The kind of a setting: what it accepts and how it is stored. */
    enum Kind {
        /** Stored as String; accepts a JSON string or an integral number (its decimal text). */
        STRING("a string (or a whole number)"),
        /** Like STRING, but the value never appears in logs, toString or messages. */
        SECRET("a string (or a whole number)"),
        /** Stored as the canonical decimal String, because the original's default is the string "5672". */
        PORT("a port number from 1 to 65535"),
        /** Stored as Long. */
        INTEGER("a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE),
        /** Stored as Boolean. */
        BOOL("true or false"),
        /** Stored as a finite Double. */
        DECIMAL("a number");

        final String expected;

        Kind(String expected) {
            this.expected = expected;
        }
    }

    /** One key with its kind and its already-converted default. */
    record Entry(String key, Kind kind, Object defaultValue) {
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

    /** Collects the keys of a {@link SettingsSchema}; each key may be added once. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder string(String key, String def) {
            return add(key, Kind.STRING, Objects.requireNonNull(def, "def"));
        }

        public Builder integer(String key, long def) {
            return add(key, Kind.INTEGER, def);
        }

        public Builder bool(String key, boolean def) {
            return add(key, Kind.BOOL, def);
        }

        public Builder decimal(String key, double def) {
            if (!Double.isFinite(def)) {
                throw new IllegalArgumentException("default of " + key + " must be finite, not " + def);
            }
            return add(key, Kind.DECIMAL, def);
        }

        /** A string setting holding a port number 1-65535; the default is a string, as in the original. */
        public Builder port(String key, String def) {
            Objects.requireNonNull(def, "def");
            Integer port = Values.parsePort(def);
            if (port == null) {
                throw new IllegalArgumentException("default of " + key + " must be a port number from 1 to 65535, not '" + def + "'");
            }
            return add(key, Kind.PORT, port.toString());
        }

        /** A string setting whose value is never shown in logs, toString or error messages. */
        public Builder secret(String key, String def) {
            return add(key, Kind.SECRET, Objects.requireNonNull(def, "def"));
        }

        public SettingsSchema build() {
            return new SettingsSchema(entries);
        }

        private Builder add(String key, Kind kind, Object def) {
            Objects.requireNonNull(key, "key");
            if (key.isBlank()) {
                throw new IllegalArgumentException("a setting key must not be blank");
            }
            if (entries.containsKey(key)) {
                throw new IllegalArgumentException("setting " + key + " is declared twice");
            }
            entries.put(key, new Entry(key, kind, def));
            return this;
        }
    }
}
