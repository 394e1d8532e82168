package cz.edeposit.amqp.calibre;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Asks for {@code b64_data}, a document in {@code input_format}, converted to {@code output_format}.
 *
 * @param inputFormat  one of {@link Formats#INPUT}, e.g. {@code txt}
 * @param outputFormat one of {@link Formats#OUTPUT}, e.g. {@code pdf}
 * @param b64Data      the document in base64; line breaks are allowed
 */
public record ConversionRequest(@JsonProperty("input_format") String inputFormat,
                                @JsonProperty("output_format") String outputFormat,
                                @JsonProperty("b64_data") String b64Data) {

    /** Shows the size of the data instead of the data, which may be megabytes of base64. */
    @Override
    public String toString() {
        return "ConversionRequest[input_format=" + inputFormat + ", output_format=" + outputFormat
                + ", b64_data=" + (b64Data == null ? "null" : "<" + b64Data.length() + " characters>") + "]";
    }
}
