package cz.edeposit.amqp.rpc;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.settings.HostSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * How a daemon serves its host: the topology, the codec with its allow-list, the handler, the
 * concurrency knobs, and what to do about requests that do not finish normally.
 *
 * @param workers      concurrent handlers, each with its own channel and thread
 * @param prefetch     unacknowledged deliveries the broker may push to each worker
 * @param drainTimeout how long shutdown waits for in-flight requests to be answered and acked
 * @param faults       attempt limit, dead-lettering and time-outs
 */
public record RpcOptions(HostSettings host, NtCodec codec, RpcHandler handler,
                         int workers, int prefetch, Duration drainTimeout, FaultPolicy faults) {

    public RpcOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(faults, "faults");
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be 1-256, not " + workers);
        }
        if (prefetch < 1 || prefetch > 65535) {
            throw new IllegalArgumentException("prefetch must be 1-65535, not " + prefetch);
        }
    }

    /** With {@link FaultPolicy#defaults()}. */
    public RpcOptions(HostSettings host, NtCodec codec, RpcHandler handler,
                      int workers, int prefetch, Duration drainTimeout) {
        this(host, codec, handler, workers, prefetch, drainTimeout, FaultPolicy.defaults());
    }

    /** One worker, prefetch 1, 30 s drain: the safe defaults for slow, heavy handlers. */
    public static RpcOptions defaults(HostSettings host, NtCodec codec, RpcHandler handler) {
        return new RpcOptions(host, codec, handler, 1, 1, Duration.ofSeconds(30));
    }
}
