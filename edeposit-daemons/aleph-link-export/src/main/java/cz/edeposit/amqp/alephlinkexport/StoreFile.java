package cz.edeposit.amqp.alephlinkexport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;
import cz.edeposit.amqp.files.AtomicFiles;
import cz.edeposit.amqp.settings.ConfigException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store, {@code DATABASE_FN}: one JSON object under {@code DATABASE_KEY}, replaced atomically on
 * every change. The process that opens it holds a lock on {@code DATABASE_FN.lock} until it closes it
 * (or dies), so that two daemons never share one store.
 */
final class StoreFile implements AutoCloseable {

    /** Marks a store as this daemon's; a file without it is not read, let alone replaced. */
    static final String FORMAT = "edeposit-aleph-link-export/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON object under {@code DATABASE_KEY}, field by field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(String format, List<ExportRecord> pending, List<LinkUpdateResponse> results,
                    @JsonProperty("handed_out") Map<String, StoredHandout> handedOut,
                    @JsonProperty("last_response_file") ResponseMark lastResponse) {
    }

    /** The results handed to one request, and when ({@link Instant} text). */
    record StoredHandout(String at, List<LinkUpdateResponse> results) {
    }

    private final Path file;
    private final String key;
    private final FileChannel lockChannel;

    private StoreFile(Path file, String key, FileChannel lockChannel) {
        this.file = file;
        this.key = key;
        this.lockChannel = lockChannel;
    }

    /** Locks the store of {@code file}; another process (or store) holding it is a ConfigException. */
    static StoreFile open(Path file, String key) throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ConfigException(AlephLinkExportSettings.FILE + ": DATABASE_FN " + file + " is in use by another"
                    + " process (it holds " + lockFile + "); stop it, or give each daemon a DATABASE_FN of its own");
        }
        return new StoreFile(file, key, channel);
    }

    /** The stored state; empty when there is no file yet. A file that is not this daemon's store is a ConfigException. */
    Optional<PendingState> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Document document = find(Files.readAllBytes(file));
            if (document == null || !FORMAT.equals(document.format())) {
                throw notOurs("it has no \"" + key + "\" object with \"format\": \"" + FORMAT + "\"");
            }
            Map<String, ExportRecord> pending = new LinkedHashMap<>();
            for (ExportRecord record : nullToEmpty(document.pending())) {
                pending.put(record.sessionId(), record);
            }
            Map<String, PendingState.Handout> handedOut = new LinkedHashMap<>();
            if (document.handedOut() != null) {
                document.handedOut().forEach((uuid, handout) -> handedOut.put(uuid,
                        new PendingState.Handout(Instant.parse(handout.at()), List.copyOf(handout.results()))));
            }
            return Optional.of(new PendingState(pending, nullToEmpty(document.results()), handedOut,
                    document.lastResponse()));
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            throw notOurs("it cannot be read as one: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** The object under {@link #key}, read in one pass (no tree first: the store may hold thousands of requests). */
    private Document find(byte[] content) throws IOException {
        try (JsonParser parser = JSON.createParser(content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(key) && value == JsonToken.START_OBJECT) {
                    return JSON.readValue(parser, Document.class);
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    /** Replaces the store with {@code state}, durably. */
    void write(PendingState state) throws IOException {
        Map<String, StoredHandout> handedOut = new LinkedHashMap<>();
        state.handedOut.forEach((uuid, handout) -> handedOut.put(uuid,
                new StoredHandout(handout.at().toString(), handout.results())));
        Document document = new Document(FORMAT, List.copyOf(state.pending.values()), state.undelivered, handedOut,
                state.lastResponse);
        AtomicFiles.replace(file, JSON.writeValueAsBytes(Map.of(key, document)));
    }

    Path path() {
        return file;
    }

    @Override
    public void close() throws IOException {
        lockChannel.close(); // releases the lock
    }

    private ConfigException notOurs(String why) {
        return new ConfigException(AlephLinkExportSettings.FILE + ": DATABASE_FN " + file + " is not a store of this daemon ("
                + why + "); move it away, or point DATABASE_FN at a new file");
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
