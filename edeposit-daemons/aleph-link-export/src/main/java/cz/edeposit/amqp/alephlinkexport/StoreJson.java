package cz.edeposit.amqp.alephlinkexport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The store's JSON, read and written with Jackson's streaming API field by field (data binding
 * would load some 150 classes of Jackson into a daemon that needs none of them otherwise). The
 * format is the one the data binding wrote: the fields in this order, {@code null} optional fields
 * of a request left out, those of a result written as {@code null}. Reading: {@link StoreJsonReader}.
 */
final class StoreJson {

    private static final JsonFactory JSON = new JsonFactory();

    private StoreJson() {
    }

    /**
     * {@code {"<key>": {"format": ..., "pending": [...], "results": [...], "handed_out": {...},
     * "last_response_file": {...}}}}, the last only when there is one.
     */
    static byte[] write(String key, String format, PendingState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 300 * state.pending.size());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart(key);
            json.writeStringField("format", format);
            json.writeArrayFieldStart("pending");
            for (ExportRecord record : state.pending.values()) {
                writeRecord(json, record);
            }
            json.writeEndArray();
            json.writeFieldName("results");
            writeResults(json, state.undelivered);
            json.writeObjectFieldStart("handed_out");
            for (Map.Entry<String, PendingState.Handout> handout : state.handedOut.entrySet()) {
                json.writeObjectFieldStart(handout.getKey());
                json.writeStringField("at", handout.getValue().at().toString());
                json.writeFieldName("results");
                writeResults(json, handout.getValue().results());
                json.writeEndObject();
            }
            json.writeEndObject();
            ResponseMark mark = state.lastResponse;
            if (mark != null) {
                json.writeObjectFieldStart("last_response_file");
                json.writeStringField("fileKey", mark.fileKey());
                json.writeStringField("modified", mark.modified());
                json.writeNumberField("size", mark.size());
                json.writeStringField("sha256", mark.sha256());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeRecord(JsonGenerator json, ExportRecord record) throws IOException {
        json.writeStartObject();
        optionalField(json, "session_id", record.sessionId());
        optionalField(json, "uuid", record.uuid());
        optionalField(json, "doc_number", record.docNumber());
        json.writeArrayFieldStart("urls");
        for (ExportRecord.Link link : record.urls()) {
            json.writeStartObject();
            optionalField(json, "url", link.url());
            optionalField(json, "format", link.format());
            json.writeEndObject();
        }
        json.writeEndArray();
        optionalField(json, "urn_nbn", record.urnNbn());
        optionalField(json, "kramerius_url", record.krameriusUrl());
        json.writeEndObject();
    }

    private static void optionalField(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void writeResults(JsonGenerator json, List<LinkUpdateResponse> results) throws IOException {
        json.writeStartArray();
        for (LinkUpdateResponse result : results) {
            json.writeStartObject();
            json.writeStringField("status", result.status());
            json.writeStringField("session_id", result.sessionId());
            json.writeStringField("reason", result.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * The state under {@code key}; {@code null} when the content is not an object with an object
     * under {@code key} whose {@code format} is {@code format}.
     *
     * @throws IOException (a {@link com.fasterxml.jackson.core.JsonParseException} with its place) when
     *                     it is not one as written
     */
    static PendingState read(byte[] content, String key, String format) throws IOException {
        try (JsonParser json = JSON.createParser(content)) {
            return StoreJsonReader.read(json, key, format);
        }
    }
}
