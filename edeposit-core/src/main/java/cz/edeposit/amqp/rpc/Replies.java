package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.AMQP;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ReplyKind;
import cz.edeposit.amqp.wire.ValueError;
import cz.edeposit.amqp.wire.WireException;
import cz.edeposit.amqp.wire.WireHeaders;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Builds the properties of the three reply kinds exactly as docs/wire-protocol.md, "Reply kinds", says. */
final class Replies {

    /**
     * Header values travel in one frame; an unbounded stack trace or message could exceed the
     * broker's frame_max and close the channel, so both are cut (the body keeps the full message).
     */
    static final int MAX_HEADER_CHARS = 16 * 1024;

    private Replies() {
    }

    static AMQP.BasicProperties normal(Object uuid, ReplyKind kind) {
        Map<String, Object> headers = new HashMap<>(4);
        headers.put(WireHeaders.UUID, uuid);
        headers.put(ReplyKind.HEADER, kind.wireValue());
        return new AMQP.BasicProperties.Builder()
                .contentType(WireHeaders.JSON)
                .deliveryMode(WireHeaders.PERSISTENT)
                .headers(headers)
                .build();
    }

    static AMQP.BasicProperties exception(Object uuid, Throwable error) {
        return exception(uuid, message(error), name(error), PythonTypes.exceptionType(error), traceback(error));
    }

    static AMQP.BasicProperties noUuid() {
        ValueError error = new ValueError(WireHeaders.NO_UUID_MESSAGE);
        return exception("", message(error), name(error), PythonTypes.exceptionType(error), null);
    }

    private static AMQP.BasicProperties exception(Object uuid, String message, String name,
                                                  String type, String traceback) {
        Map<String, Object> headers = new HashMap<>(8);
        headers.put(WireHeaders.EXCEPTION, cut(message));
        headers.put(WireHeaders.EXCEPTION_TYPE, type);
        headers.put(WireHeaders.EXCEPTION_NAME, name);
        headers.put(WireHeaders.TRACEBACK, traceback == null ? null : cut(traceback));
        headers.put(WireHeaders.UUID, uuid);
        headers.put(ReplyKind.HEADER, ReplyKind.EXCEPTION.wireValue());
        return new AMQP.BasicProperties.Builder()
                .contentType(WireHeaders.TEXT)
                .deliveryMode(WireHeaders.PERSISTENT)
                .headers(headers)
                .build();
    }

    /** The exception text: never null, so the header is always a string (docs/wire-protocol.md, defect D14). */
    static String message(Throwable error) {
        String message = error.getMessage();
        if (message != null) {
            return message;
        }
        return error instanceof WireException ? "" : error.getClass().getSimpleName();
    }

    /** The name clients branch on: the Python class name of the original. */
    static String name(Throwable error) {
        return PythonTypes.exceptionName(error);
    }

    /** The stack trace with its causes, as display text (clients never parse it). */
    static String traceback(Throwable error) {
        StringBuilder out = new StringBuilder();
        Throwable current = error;
        for (int depth = 0; current != null && depth < 10; depth++) {
            out.append(depth == 0 ? "" : "\nCaused by: ").append(current);
            for (StackTraceElement frame : current.getStackTrace()) {
                out.append("\n\tat ").append(frame);
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return out.toString().stripTrailing();
    }

    static byte[] body(Throwable error) {
        return message(error).getBytes(StandardCharsets.UTF_8);
    }

    private static String cut(String text) {
        return text.length() <= MAX_HEADER_CHARS ? text : text.substring(0, MAX_HEADER_CHARS) + "...";
    }
}
