package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.FileStore.Area;
import cz.edeposit.amqp.storage.StorageMessages.Archive;
import cz.edeposit.amqp.storage.StorageMessages.Publication;
import cz.edeposit.amqp.storage.StorageMessages.SearchRequest;
import cz.edeposit.amqp.storage.StorageMessages.SearchResult;
import cz.edeposit.amqp.storage.StorageMessages.StorageRecord;
import cz.edeposit.amqp.storage.StorageMessages.Tree;
import cz.edeposit.amqp.wire.ValueError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code SearchRequest}: exact, ANDed conditions from a template record, and the records as replies. */
final class Searches {

    /** The most records one reply lists, light or not. */
    static final int MAX_RECORDS = 10_000;

    private final Storage storage;

    Searches(Storage storage) {
        this.storage = storage;
    }

    SearchResult search(SearchRequest request) throws Exception {
        StorageRecord query = request.query() != null ? request.query() : request.pub();
        if (request.query() != null && request.pub() != null && !request.query().equals(request.pub())) {
            throw new ValueError("SearchRequest has both query and pub (its alias) with different values: send one");
        }
        boolean light = Boolean.TRUE.equals(request.lightRequest());
        if (query instanceof Publication p) {
            return publications(p, light);
        }
        if (query instanceof Archive a) {
            return archives(a, light);
        }
        if (query instanceof Tree) {
            throw new ValueError("Trees cannot be searched over AMQP: the download server shows them under /"
                    + storage.settings.web().pathKey() + "/<path> and /" + storage.settings.web().issnKey() + "/<issn>");
        }
        throw new ValueError("SearchRequest.query must be a Publication or an Archive, not None");
    }

    private SearchResult publications(Publication query, boolean light) throws Exception {
        Map<String, Object> conditions = Columns.conditions(PublicationStore.values(query));
        if (query.filePointer() != null && !pointerCondition(Path.of(query.filePointer()), conditions)) {
            return new SearchResult(List.of());
        }
        List<PublicationStore.Stored> found = checkCount(storage.publications.search(conditions, MAX_RECORDS + 1));
        if (!light) {
            checkSize(found.stream().mapToLong(s -> s.key() == null ? 0 : s.size()).sum(), found.size());
        }
        List<StorageRecord> records = new ArrayList<>();
        for (PublicationStore.Stored stored : found) {
            String data = light || stored.key() == null ? null
                    : Base64.getEncoder().encodeToString(Files.readAllBytes(storage.files.path(stored.area(), stored.key())));
            records.add(reply(stored, data));
        }
        return new SearchResult(records);
    }

    private SearchResult archives(Archive query, boolean light) throws Exception {
        Map<String, Object> conditions = Columns.conditions(ArchiveStore.values(query));
        if (query.dirPointer() != null) {
            Path dir = Path.of(query.dirPointer()).normalize();
            String key = dir.getFileName() == null ? null : dir.getFileName().toString();
            if (!LocalFileStore.isKey(key) || !storage.files.path(Area.ARCHIVE, key).equals(dir)) {
                return new SearchResult(List.of());
            }
            conditions.put("content_key", key);
        }
        List<ArchiveStore.Stored> found = checkCount(storage.archives.search(conditions, MAX_RECORDS + 1));
        if (!light) {
            long total = 0;
            for (ArchiveStore.Stored stored : found) {
                total += stored.key() == null ? 0 : ZipArchives.size(storage.files.path(Area.ARCHIVE, stored.key()));
            }
            checkSize(total, found.size());
        }
        List<StorageRecord> records = new ArrayList<>();
        for (ArchiveStore.Stored stored : found) {
            String data = light || stored.key() == null ? null : Base64.getEncoder().encodeToString(
                    ZipArchives.pack(storage.files.path(Area.ARCHIVE, stored.key())));
            records.add(reply(stored, data));
        }
        return new SearchResult(records);
    }

    /** A stored publication as a reply: its URL (with a uuid), its file's path and {@code data}. */
    Publication reply(PublicationStore.Stored stored, String data) {
        String pointer = stored.key() == null ? null : storage.files.path(stored.area(), stored.key()).toString();
        return stored.record().with(data, storage.paths.publication(stored.record().uuid()), pointer);
    }

    /** A stored archive as a reply: its directory's path and {@code data}. */
    Archive reply(ArchiveStore.Stored stored, String data) {
        Archive a = stored.record();
        String pointer = stored.key() == null ? null : storage.files.path(Area.ARCHIVE, stored.key()).toString();
        return new Archive(a.isbn(), a.uuid(), a.alephId(), data, pointer);
    }

    /** Turns a {@code file_pointer} into conditions; false when it names no stored file. */
    private boolean pointerCondition(Path pointer, Map<String, Object> conditions) {
        Path file = pointer.normalize();
        String key = file.getFileName() == null ? null : file.getFileName().toString();
        if (!LocalFileStore.isKey(key)) {
            return false;
        }
        for (Area area : List.of(Area.PUBLIC, Area.PRIVATE)) {
            if (storage.files.path(area, key).equals(file)) {
                conditions.put("content_key", key);
                if (area == Area.PUBLIC) {
                    return Objects.requireNonNullElse((Boolean) conditions.putIfAbsent("is_public", true), true);
                }
                if (Boolean.TRUE.equals(conditions.get("is_public"))) {
                    return false;
                }
                // a private file's records have is_public false or null: without that condition, both
                conditions.putIfAbsent("COALESCE(is_public, FALSE)", false);
                return true;
            }
        }
        return false;
    }

    private static <T> List<T> checkCount(List<T> found) {
        if (found.size() > MAX_RECORDS) {
            throw new ValueError("the query matches more than " + MAX_RECORDS + " records: add conditions");
        }
        return found;
    }

    private void checkSize(long bytes, int records) {
        long limit = storage.settings.maxReplyBytes();
        if (bytes > limit) {
            throw new ValueError("the " + records + " records found hold " + bytes + " bytes, more than"
                    + " STORAGE_MAX_REPLY_BYTES (" + limit + ") allows in one reply: search with light_request=true"
                    + " and download each file from its url");
        }
    }
}
