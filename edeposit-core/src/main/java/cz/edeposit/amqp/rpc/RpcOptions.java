package cz.edeposit.amqp.rpc;

import cz.edeposit.amqp.broker.BrokerConnection;
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
 * @param maxRequestBytes the largest request body that is decoded: a larger one is answered with a
 *                     {@code ValueError} naming both sizes, and acked, without being decoded
 */
public record RpcOptions(HostSettings host, NtCodec codec, RpcHandler handler,
                         int workers, int prefetch, Duration drainTimeout, FaultPolicy faults, long maxRequestBytes) {

    /** The most workers a daemon may run: each holds a channel and a thread. */
    public static final int MAX_WORKERS = 256;

    /** The largest prefetch: {@code basic.qos} carries it in 16 bits. */
    public static final int MAX_PREFETCH = 65535;

    /**
     * The workers, prefetch and drain time-out (in seconds) of {@link #defaults}. The daemons' command
     * line takes its default prefetch from the daemon's kind of work instead ({@code DaemonSpec#defaultPrefetch}).
     */
    public static final int DEFAULT_WORKERS = 1;
    public static final int DEFAULT_PREFETCH = 1;
    public static final int DEFAULT_DRAIN_SECONDS = 30;

    /**
     * The largest message a daemon's connection accepts ({@link BrokerConnection#MAX_MESSAGE_BYTES},
     * RabbitMQ 3's {@code max_message_size}): the request limit of a daemon that declares none.
     */
    public static final long BROKER_MAX_MESSAGE_BYTES = BrokerConnection.MAX_MESSAGE_BYTES;

    public RpcOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(faults, "faults");
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1-" + MAX_WORKERS + ", not " + workers);
        }
        if (prefetch < 1 || prefetch > MAX_PREFETCH) {
            throw new IllegalArgumentException("prefetch must be 1-" + MAX_PREFETCH + ", not " + prefetch);
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive, not " + maxRequestBytes);
        }
    }

    /** With requests up to {@link #BROKER_MAX_MESSAGE_BYTES}. */
    public RpcOptions(HostSettings host, NtCodec codec, RpcHandler handler,
                      int workers, int prefetch, Duration drainTimeout, FaultPolicy faults) {
        this(host, codec, handler, workers, prefetch, drainTimeout, faults, BROKER_MAX_MESSAGE_BYTES);
    }

    /** With {@link FaultPolicy#defaults()}. */
    public RpcOptions(HostSettings host, NtCodec codec, RpcHandler handler,
                      int workers, int prefetch, Duration drainTimeout) {
        this(host, codec, handler, workers, prefetch, drainTimeout, FaultPolicy.defaults());
    }

    /** These options with requests limited to {@code bytes}. */
    public RpcOptions withMaxRequestBytes(long bytes) {
        return new RpcOptions(host, codec, handler, workers, prefetch, drainTimeout, faults, bytes);
    }

    /** One worker, prefetch 1, 30 s drain: the safe defaults for slow, heavy handlers. */
    public static RpcOptions defaults(HostSettings host, NtCodec codec, RpcHandler handler) {
        return new RpcOptions(host, codec, handler, DEFAULT_WORKERS, DEFAULT_PREFETCH,
                Duration.ofSeconds(DEFAULT_DRAIN_SECONDS));
    }
}
