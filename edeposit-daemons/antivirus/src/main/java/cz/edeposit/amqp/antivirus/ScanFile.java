package cz.edeposit.amqp.antivirus;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Request: scan one file for malware.
 *
 * @param filename the file's name, echoed in the reply and used as the key of a finding
 * @param b64Data  the file's content in base64, plain or MIME-wrapped ({@code b64_data} on the wire)
 */
public record ScanFile(String filename, @JsonProperty("b64_data") String b64Data) {
}
