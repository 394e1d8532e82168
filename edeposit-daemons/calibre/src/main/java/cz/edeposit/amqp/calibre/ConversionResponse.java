package cz.edeposit.amqp.calibre;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The converted document.
 *
 * @param format   the output format, as requested
 * @param b64Data  the document in base64, broken into lines of 80 characters as the original did
 * @param protocol what {@code ebook-convert} printed on its standard output
 */
public record ConversionResponse(String format, @JsonProperty("b64_data") String b64Data, String protocol) {

    /** Shows the size of the data instead of the data. */
    @Override
    public String toString() {
        return "ConversionResponse[format=" + format
                + ", b64_data=" + (b64Data == null ? "null" : "<" + b64Data.length() + " characters>")
                + ", protocol=<" + (protocol == null ? 0 : protocol.length()) + " characters>]";
    }
}
