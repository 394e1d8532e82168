package cz.edeposit.amqp.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Finds the top-level {@code __nt_name} of a reply body without decoding it, to tell a Python
 * daemon's progress messages from its final reply.
 */
final class NtNames {

    private static final JsonFactory JSON = new JsonFactory();

    private NtNames() {
    }

    /** The {@code __nt_name} of the top-level object, or {@code null} for anything else or bad JSON. */
    static String of(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("__nt_name".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
