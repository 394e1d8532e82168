package cz.edeposit.amqp.marc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IsbnTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "80-251-0225-4", "8025102254", "80 251 0225 4", "ISBN 80-251-0225-4",
        "80-7422-502-X", "80-7422-502-x", "0-306-40615-2",
        "978-80-7422-551-2", "9788074225512", "978 80 7422 551 2", "978-3-16-148410-0", "979-10-90636-07-1"})
    void acceptsIsbnsWithTheRightCheckDigit(String isbn) {
        assertTrue(Isbn.isValid(isbn), isbn);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "80-251-0225-5", "80-7422-502-0", "0-306-40615-X", "X0-306-40615-2",
        "978-80-7422-552-0", "978-80-7422-551-X", "9788074225511",
        "80-251-0225", "978-80-7422-551-23", "abc", "978-80-7422-551-2-1"})
    void rejectsBadCheckDigitsAndLengths(String isbn) {
        assertFalse(Isbn.isValid(isbn), isbn);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNothing(String isbn) {
        assertFalse(Isbn.isValid(isbn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"80-251-0225-4", "978-80-7422-551-2", "978 80 7422 551 2", " 80 7422 502 X"})
    void czechIsbnsStartWith80Or97880(String isbn) {
        assertTrue(Isbn.isCzech(isbn), isbn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-306-40615-2", "978-3-16-148410-0", "979-80-000-0000-0"})
    void otherAgenciesAreNotCzech(String isbn) {
        assertFalse(Isbn.isCzech(isbn), isbn);
    }
}
