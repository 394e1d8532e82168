package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A conversion longer than the time-out: its process tree is killed and nothing of it stays behind. */
class CalibreTimeoutIT {

    private static final int TIMEOUT_SECONDS = 8;

    @TempDir
    Path dir;

    @Test
    void killsTheConverterTreeAtTheTimeOutLeavesNothingAndGoesOnServing() throws Exception {
        RunningCalibre calibre = new RunningCalibre(dir, Map.of("EDEPOSIT_CALIBRE_TIMEOUT_SECONDS",
                Integer.toString(TIMEOUT_SECONDS)));
        try {
            String uuid = calibre.send("html", "pdf", Samples.longHtml());

            ProcessHandle daemon = ProcessHandle.of(calibre.pid()).orElseThrow();
            List<ProcessHandle> tree = awaitConverterTree(daemon);
            Reply reply = calibre.reply(uuid);

            assertEquals("UserWarning", reply.header("exception_name"), reply.text());
            assertTrue(reply.text().startsWith("Conversion failed: ebook-convert did not finish within "
                    + TIMEOUT_SECONDS + " s (CALIBRE_TIMEOUT_SECONDS), so it and its child processes were killed."),
                    reply.text());
            for (ProcessHandle process : tree) {
                assertTrue(!ProcessTree.running(process), () -> "survived: " + process.info());
            }
            assertEquals(List.of(), daemon.descendants().filter(ProcessTree::running).map(ProcessHandle::info)
                    .map(Object::toString).toList());
            assertEquals(List.of(), calibre.conversionProcesses());
            assertEquals(List.of(), calibre.leftovers());

            byte[] text = calibre.convert("html", "txt", Samples.html());
            assertTrue(new String(text, StandardCharsets.UTF_8).contains(Samples.SENTENCE), "still serving");
        } finally {
            calibre.stop();
        }
    }

    /** Waits until ebook-convert has started its QtWebEngine helpers: the tree the time-out must kill. */
    private static List<ProcessHandle> awaitConverterTree(ProcessHandle daemon) throws Exception {
        return Await.value("ebook-convert's helper processes (3 running descendants of the daemon)",
                Duration.ofSeconds(TIMEOUT_SECONDS), Duration.ofMillis(50),
                () -> daemon.descendants().filter(ProcessTree::running).toList(), tree -> tree.size() >= 3);
    }
}
