package cz.edeposit.amqp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exception names are what Python clients branch on (docs/wire-protocol.md, "Exception names"). */
class WireExceptionTest {

    /** A domain error as a sub-module would declare it. */
    static final class DocumentNotFoundException extends WireException {
        DocumentNotFoundException(String message) {
            super(message);
        }
    }

    @Test
    void namesBuiltinErrorsLikePython() {
        Throwable cause = new IllegalStateException("x");
        List<WireException> errors = List.of(new ValueError("v"), new KeyError("k"), new TypeError("t"),
                new UserWarning("u"), new PreconditionError("p"), new ValueError("v", cause));
        assertEquals(List.of("ValueError", "KeyError", "TypeError", "UserWarning", "AssertionError", "ValueError"),
                errors.stream().map(WireException::wireName).toList());
        assertTrue(errors.stream().allMatch(WireException::builtin));
        assertSame(cause, errors.get(5).getCause());
        assertEquals("p", new PreconditionError("p", cause).getMessage());
    }

    @Test
    void namesDomainErrorsByTheirSimpleName() {
        DocumentNotFoundException error = new DocumentNotFoundException("gone");
        assertEquals("DocumentNotFoundException", error.wireName());
        assertFalse(error.builtin());
        assertEquals("gone", error.getMessage());
    }
}
