package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.wire.PreconditionError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FtpUserNamesTest {

    @Test
    void acceptsLettersDigitsDotsUnderscoresAndDashes() {
        for (String name : new String[] {"alice", "Bob.Smith-2", "x", "nakladatel_2024", "a.", "9lives", "a".repeat(64)}) {
            assertEquals(name, FtpUserNames.check(name));
        }
    }

    @Test
    void refusesWhatTheOriginalLetThroughWithAnAssertionErrorNamingTheRule() {
        assertRule("", "it is empty");
        assertRule(null, "it is empty");
        assertRule("..", "must not start with '.' or '-'");
        assertRule(".hidden", "must not start with '.' or '-'");
        assertRule("-rf", "must not start with '.' or '-'");
        assertRule("alice\n", "only the letters A-Z and a-z, the digits 0-9, '.', '_' and '-' are allowed");
        assertRule("a/b", "only the letters");
        assertRule("a:b", "only the letters");
        assertRule("jméno", "only the letters");
        assertRule("a b", "only the letters");
        assertRule("a".repeat(65), "longer than 64 characters");
    }

    @Test
    void showsControlCharactersEscaped() {
        PreconditionError error = assertThrows(PreconditionError.class, () -> FtpUserNames.check("alice\n"));
        assertEquals("Invalid format of username 'alice\\x0a': only the letters A-Z and a-z, the digits 0-9, '.', '_'"
                + " and '-' are allowed!", error.getMessage());
        assertEquals("AssertionError", error.wireName());
    }

    private static void assertRule(String name, String rule) {
        PreconditionError error = assertThrows(PreconditionError.class, () -> FtpUserNames.check(name), String.valueOf(name));
        assertTrue(error.getMessage().contains(rule), error.getMessage());
    }
}
