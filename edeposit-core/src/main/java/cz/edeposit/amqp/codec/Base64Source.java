package cz.edeposit.amqp.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * Data the encoder writes as a JSON string of standard base64 without line breaks (the wire's {@code raw_data},
 * {@code b64_data}), read from a stream a buffer at a time, so that a file sent in a message is never in memory
 * whole, nor as a base64 string: only the body holds it. {@link NtCodec#encode} may open it twice (a big body is
 * counted first), so {@link #open()} must give the same {@link #length()} bytes each time; fewer is an error.
 */
public interface Base64Source {

    /** How many bytes {@link #open()} gives; at most {@code Integer.MAX_VALUE}. */
    long length();

    /** A new stream of the data from its start. */
    InputStream open() throws IOException;
}
