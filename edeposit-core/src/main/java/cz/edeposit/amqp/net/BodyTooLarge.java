package cz.edeposit.amqp.net;

import java.io.IOException;

/** A body over the caller's limit: announced so by its Content-Length (not read), or found so while it streamed in. */
public final class BodyTooLarge extends IOException {

    private final long announced;
    private final long limit;

    BodyTooLarge(long announced, long limit) {
        super(announced >= 0 ? "the body announces " + announced + " bytes, over the limit of " + limit
                : "the body is larger than the limit of " + limit + " bytes");
        this.announced = announced;
        this.limit = limit;
    }

    /** The Content-Length over the limit, or -1 when the body was cut off while it streamed in. */
    public long announced() {
        return announced;
    }

    public long limit() {
        return limit;
    }
}
