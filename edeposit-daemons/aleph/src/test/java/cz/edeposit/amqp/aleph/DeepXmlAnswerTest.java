package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.aleph.AlephQuery.ISBNQuery;
import cz.edeposit.amqp.aleph.AlephRequest.CountRequest;
import cz.edeposit.amqp.testing.RecordingContext;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A catalogue (or whoever answers in its place) that nests elements a hundred thousand deep gets an
 * {@link AlephException} from the parser's depth limit, not a StackOverflowError from walking the tree.
 */
class DeepXmlAnswerTest {

    private static final int DEPTH = 100_000;

    private FakeAleph aleph;
    private AlephHandler handler;

    @BeforeEach
    void setUp() throws IOException {
        aleph = FakeAleph.withCatalogue();
        handler = new AlephHandler(new AlephSettings(URI.create(aleph.url()), "nkc", "CZE01",
                URI.create(aleph.url() + FakeAleph.EXPORT_PATH), "edeposit-test", "https://edeposit.example/",
                30, 150, Duration.ofSeconds(5), Duration.ofSeconds(10), 16 * 1024 * 1024));
    }

    @AfterEach
    void tearDown() {
        aleph.close();
    }

    @Test
    void aDeeplyNestedFindAnswerIsAnAlephException() {
        aleph.answerRaw("<find><set_number>" + "<x>".repeat(DEPTH) + "1" + "</x>".repeat(DEPTH)
                + "</set_number><no_records>1</no_records></find>");
        AlephException error = assertThrows(AlephException.class,
                () -> handler.handle(new CountRequest(new ISBNQuery("978-80-7422-551-2", null)), new RecordingContext()));
        assertTrue(error.getMessage().contains("maxElementDepth"), error.getMessage());
    }
}
