package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.AMQP;
import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.PreconditionError;
import cz.edeposit.amqp.wire.ReplyKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exception-reply headers of docs/wire-protocol.md, "Exception replies", built without a broker. */
class RepliesTest {

    @Test
    void namesPythonBuiltinsAsTypes() {
        AMQP.BasicProperties properties = Replies.exception("u", new PreconditionError("Unsupported format"));
        assertEquals("AssertionError", properties.getHeaders().get("exception_name"));
        assertEquals("<type 'exceptions.AssertionError'>", properties.getHeaders().get("exception_type"));
        assertEquals("Unsupported format", properties.getHeaders().get("exception"));
        assertEquals("application/text", properties.getContentType());
        assertEquals(2, properties.getDeliveryMode());
    }

    @Test
    void namesOtherExceptionsAsClassesAndKeepsTheirCauseInTheTraceback() {
        IllegalStateException error = new IllegalStateException("outer", new IOException("inner cause"));
        AMQP.BasicProperties properties = Replies.exception("u", error);
        assertEquals("IllegalStateException", properties.getHeaders().get("exception_name"));
        assertEquals("<class 'java.lang.IllegalStateException'>", properties.getHeaders().get("exception_type"));
        String traceback = (String) properties.getHeaders().get("traceback");
        assertTrue(traceback.startsWith("java.lang.IllegalStateException: outer\n\tat "), traceback);
        assertTrue(traceback.contains("Caused by: java.io.IOException: inner cause"), traceback);
    }

    @Test
    void alwaysSendsAMessageStringAndUtf8Body() {
        assertEquals("NullPointerException", Replies.message(new NullPointerException()));
        assertEquals("", Replies.message(new KeyError(null)));
        assertArrayEquals("žluťoučký".getBytes(StandardCharsets.UTF_8), Replies.body(new RuntimeException("žluťoučký")));
    }

    @Test
    void cutsHugeHeaderValuesButNotTheBody() {
        String huge = "x".repeat(100_000);
        AMQP.BasicProperties properties = Replies.exception("u", new RuntimeException(huge));
        assertTrue(((String) properties.getHeaders().get("exception")).length() <= Replies.MAX_HEADER_CHARS + 3);
        assertEquals(100_000, Replies.body(new RuntimeException(huge)).length);
    }

    @Test
    void marksEveryKindOfReply() {
        assertEquals("progress", Replies.normal("u", ReplyKind.PROGRESS).getHeaders().get(ReplyKind.HEADER));
        assertEquals("result", Replies.normal("u", ReplyKind.RESULT).getHeaders().get(ReplyKind.HEADER));
        assertEquals("exception", Replies.noUuid().getHeaders().get(ReplyKind.HEADER));
        assertEquals("application/json", Replies.normal("u", ReplyKind.RESULT).getContentType());
    }
}
