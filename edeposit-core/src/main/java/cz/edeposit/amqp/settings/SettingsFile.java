package cz.edeposit.amqp.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cz.edeposit.amqp.codec.JsonTree;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one settings file into a JSON object, turning every failure into a one-line {@link ConfigException}. */
final class SettingsFile {
    // A plain factory: an ObjectMapper would load the data binding for nothing (JsonTree).
    private static final JsonFactory JSON = new JsonFactory();

    private SettingsFile() {
    }

    static ObjectNode read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": cannot read it: permission denied; make it readable by the user running the daemon", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read it: " + e.getMessage(), e);
        }
        try (JsonParser parser = JSON.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(file + ": the file is empty; it must hold a JSON object such as {\"RABBITMQ_HOST\": \"localhost\"}");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(file + ": " + at(parser.currentTokenLocation())
                        + "the settings must be a JSON object such as {\"RABBITMQ_HOST\": \"localhost\"}, not " + shape(first));
            }
            ObjectNode tree = (ObjectNode) JsonTree.read(parser);
            if (parser.nextToken() != null) {
                throw new ConfigException(file + ": invalid JSON " + at(parser.currentTokenLocation())
                        + "unexpected content after the closing '}' of the settings object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": invalid JSON " + at(e.getLocation()) + describe(e), e);
        } catch (IOException e) {
            // Non-parse IO errors here are decoding problems (for example invalid UTF-8).
            throw new ConfigException(file + ": cannot decode it as JSON text: " + e.getMessage(), e);
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    // Jackson quotes an unrecognized token verbatim; that token may be an unquoted password, so it is dropped.
    private static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return message.replaceAll("Unrecognized token '[^']*'", "Unrecognized token");
    }

    private static String shape(JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "a list";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() == null ? token.name() : token.asString();
        }
    }
}
