package cz.edeposit.amqp.rpc;

import cz.edeposit.amqp.wire.PythonTypes;
import org.slf4j.MDC;

/**
 * The fields that every log line about one request carries while a worker handles it, in SLF4J's
 * MDC: its {@value #UUID}, its {@value #REQUEST_TYPE} once decoded and, on the reply lines, its
 * {@value #DURATION_MS}. The text format does not show them; the JSON format
 * ({@code EDEPOSIT_LOG_FORMAT=json}, docs/monitoring.md) writes them under {@code "mdc"}, so that a log
 * system can follow one request, including the lines its handler logs on the worker thread.
 */
final class RequestLog {

    static final String UUID = "uuid";
    static final String REQUEST_TYPE = "request_type";
    static final String DURATION_MS = "duration_ms";

    private RequestLog() {
    }

    static void begin(String uuid) {
        MDC.put(UUID, uuid);
    }

    /** The Python type name of the decoded request: its {@code __nt_name} for a message record. */
    static void type(Object request) {
        MDC.put(REQUEST_TYPE, PythonTypes.name(request));
    }

    /** Milliseconds since {@code startNanos}, to the microsecond, also set as the field. */
    static String duration(long startNanos) {
        String millis = Double.toString((System.nanoTime() - startNanos) / 1000 / 1000.0);
        MDC.put(DURATION_MS, millis);
        return millis;
    }

    /** Clears the fields: the worker thread's next request, or its other lines, must not carry them. */
    static void end() {
        MDC.remove(UUID);
        MDC.remove(REQUEST_TYPE);
        MDC.remove(DURATION_MS);
    }
}
