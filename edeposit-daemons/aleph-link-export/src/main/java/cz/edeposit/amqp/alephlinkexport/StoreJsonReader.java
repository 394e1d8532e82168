package cz.edeposit.amqp.alephlinkexport;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the store's JSON ({@link StoreJson}) with Jackson's streaming parser, strictly: an unknown
 * field, a value of the wrong type, a pending request without a required field or anything after
 * the top-level object is a {@link JsonParseException}.
 */
final class StoreJsonReader {

    private StoreJsonReader() {
    }

    /**
     * The state under {@code key}; {@code null} when the content is not an object with an object
     * under {@code key} whose {@code format} is {@code format}.
     *
     * @throws IOException (a {@link JsonParseException} with its place) when it is not one as written
     */
    static PendingState read(JsonParser json, String key, String format) throws IOException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        PendingState found = null;
        boolean ours = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals(key) && value == JsonToken.START_OBJECT && found == null) {
                Stored stored = readStored(json);
                ours = format.equals(stored.format);
                found = stored.state();
            } else {
                json.skipChildren();
            }
        }
        if (json.nextToken() != null) {
            throw new JsonParseException(json, "more after the store's object");
        }
        return ours ? found : null;
    }

    /** The fields of the object under the key, as read. */
    private static final class Stored {
        String format;
        final Map<String, ExportRecord> pending = new LinkedHashMap<>();
        final List<LinkUpdateResponse> results = new ArrayList<>();
        final Map<String, PendingState.Handout> handedOut = new LinkedHashMap<>();
        ResponseMark lastResponse;

        PendingState state() {
            return new PendingState(pending, results, handedOut, lastResponse);
        }
    }

    private static Stored readStored(JsonParser json) throws IOException {
        Stored stored = new Stored();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "format" -> stored.format = string(json);
                case "pending" -> {
                    if (startArray(json, value)) {
                        while (json.nextToken() != JsonToken.END_ARRAY) {
                            ExportRecord record = readRecord(json);
                            stored.pending.put(record.sessionId(), record);
                        }
                    }
                }
                case "results" -> {
                    if (startArray(json, value)) {
                        stored.results.addAll(readResults(json));
                    }
                }
                case "handed_out" -> {
                    if (value == JsonToken.VALUE_NULL) {
                        break;
                    }
                    expect(json, JsonToken.START_OBJECT);
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String uuid = json.currentName();
                        json.nextToken();
                        stored.handedOut.put(uuid, readHandout(json));
                    }
                }
                case "last_response_file" -> stored.lastResponse = value == JsonToken.VALUE_NULL ? null : readMark(json);
                default -> throw new JsonParseException(json, "unknown field \"" + name + "\"");
            }
        }
        return stored;
    }

    private static ExportRecord readRecord(JsonParser json) throws IOException {
        expect(json, JsonToken.START_OBJECT);
        String sessionId = null;
        String uuid = null;
        String docNumber = null;
        String urnNbn = null;
        String kramerius = null;
        List<ExportRecord.Link> urls = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "session_id" -> sessionId = string(json);
                case "uuid" -> uuid = string(json);
                case "doc_number" -> docNumber = string(json);
                case "urn_nbn" -> urnNbn = string(json);
                case "kramerius_url" -> kramerius = string(json);
                case "urls" -> {
                    if (startArray(json, value)) {
                        urls = new ArrayList<>();
                        while (json.nextToken() != JsonToken.END_ARRAY) {
                            urls.add(readLink(json));
                        }
                    }
                }
                default -> throw new JsonParseException(json, "unknown field \"" + name + "\" of a pending request");
            }
        }
        // What requests.xml needs of every record: without it the store could never be written out again.
        if (sessionId == null || uuid == null || docNumber == null || urls == null || urls.isEmpty()) {
            throw new JsonParseException(json, "a pending request without session_id, uuid, doc_number or urls");
        }
        return new ExportRecord(sessionId, uuid, docNumber, urls, urnNbn, kramerius);
    }

    private static ExportRecord.Link readLink(JsonParser json) throws IOException {
        expect(json, JsonToken.START_OBJECT);
        String url = null;
        String format = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            switch (name) {
                case "url" -> url = string(json);
                case "format" -> format = string(json);
                default -> throw new JsonParseException(json, "unknown field \"" + name + "\" of a document URL");
            }
        }
        if (url == null) {
            throw new JsonParseException(json, "a document URL without url");
        }
        return new ExportRecord.Link(url, format);
    }

    /** The results of an array whose START_ARRAY is the current token. */
    private static List<LinkUpdateResponse> readResults(JsonParser json) throws IOException {
        List<LinkUpdateResponse> results = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            expect(json, JsonToken.START_OBJECT);
            String status = null;
            String sessionId = null;
            String reason = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "status" -> status = string(json);
                    case "session_id" -> sessionId = string(json);
                    case "reason" -> reason = string(json);
                    default -> throw new JsonParseException(json, "unknown field \"" + name + "\" of a result");
                }
            }
            results.add(new LinkUpdateResponse(status, sessionId, reason));
        }
        return results;
    }

    private static PendingState.Handout readHandout(JsonParser json) throws IOException {
        expect(json, JsonToken.START_OBJECT);
        Instant at = null;
        List<LinkUpdateResponse> results = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            switch (name) {
                case "at" -> {
                    String text = string(json);
                    try {
                        at = text == null ? null : Instant.parse(text);
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new JsonParseException(json, "\"at\" is not an instant: " + text);
                    }
                }
                case "results" -> {
                    expect(json, JsonToken.START_ARRAY);
                    results = readResults(json);
                }
                default -> throw new JsonParseException(json, "unknown field \"" + name + "\" of a handout");
            }
        }
        if (at == null || results == null) {
            throw new JsonParseException(json, "a handout without \"at\" or \"results\"");
        }
        return new PendingState.Handout(at, List.copyOf(results));
    }

    private static ResponseMark readMark(JsonParser json) throws IOException {
        expect(json, JsonToken.START_OBJECT);
        String fileKey = null;
        String modified = null;
        long size = 0;
        String sha256 = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "fileKey" -> fileKey = string(json);
                case "modified" -> modified = string(json);
                case "sha256" -> sha256 = string(json);
                case "size" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw new JsonParseException(json, "\"size\" is not a whole number");
                    }
                    size = json.getLongValue();
                }
                default -> throw new JsonParseException(json, "unknown field \"" + name + "\" of last_response_file");
            }
        }
        return new ResponseMark(fileKey, modified, size, sha256);
    }

    /** True at an array's start, false at {@code null} (an absent list, as the data binding read it). */
    private static boolean startArray(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return false;
        }
        expect(json, JsonToken.START_ARRAY);
        return true;
    }

    private static String string(JsonParser json) throws IOException {
        return switch (json.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> json.getText();
            default -> throw new JsonParseException(json, "a string expected, not " + json.currentToken());
        };
    }

    private static void expect(JsonParser json, JsonToken token) throws IOException {
        if (json.currentToken() != token) {
            throw new JsonParseException(json, token + " expected, not " + json.currentToken());
        }
    }
}
