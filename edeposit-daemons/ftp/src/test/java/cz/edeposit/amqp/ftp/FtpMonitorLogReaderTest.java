package cz.edeposit.amqp.ftp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FtpMonitorLogReaderTest {

    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("extended.log");
    }

    private void append(String text) throws Exception {
        Files.writeString(log(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> texts(List<FtpMonitorLogReader.Entry> entries) {
        List<String> texts = new ArrayList<>();
        entries.forEach(entry -> texts.add(entry.text()));
        return texts;
    }

    @Test
    void aMissingLogIsWaitedForAndOnlyWholeLinesAreReturned() throws Exception {
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(log(), FtpMonitorPosition.NONE)) {
            assertEquals(List.of(), reader.poll(100));
            append("a\nb\nhalf");
            assertEquals(List.of("a", "b"), texts(reader.poll(100)));
            assertEquals(4, reader.position().offset());
            assertEquals(List.of(), reader.poll(100));
            append(" line\n");
            assertEquals(List.of("half line"), texts(reader.poll(100)));
            assertEquals(14, reader.position().offset());
        }
    }

    @Test
    void aSavedPositionResumesAfterTheLastLineHandledAndAtMostMaxLinesAreRead() throws Exception {
        append("one\ntwo\nthree\n");
        FtpMonitorPosition afterOne;
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(log(), FtpMonitorPosition.NONE)) {
            List<FtpMonitorLogReader.Entry> first = reader.poll(1);
            assertEquals(List.of("one"), texts(first));
            afterOne = first.get(0).after();
        }
        Path state = dir.resolve("monitor.state");
        FtpMonitorState.INITIAL.at(afterOne).save(state);
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(log(), FtpMonitorState.load(state).position())) {
            assertEquals(List.of("two", "three"), texts(reader.poll(100)));
        }
    }

    @Test
    void aRotatedLogIsReadToItsEndThenTheNewOneFromItsStart() throws Exception {
        append("old 1\n");
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(log(), FtpMonitorPosition.NONE)) {
            assertEquals(List.of("old 1"), texts(reader.poll(100)));
            append("old 2\n");
            Files.move(log(), dir.resolve("extended.log.1"));
            assertEquals(List.of("old 2"), texts(reader.poll(100)));
            append("new 1\n");
            assertEquals(List.of("new 1"), texts(reader.poll(100)));
            assertEquals(Files.getAttribute(log(), "unix:ino"), reader.position().inode());
        }
    }

    @Test
    void aLogRotatedWhileStoppedIsReadFromItsStart() throws Exception {
        append("old 1\nold 2\n");
        FtpMonitorPosition saved;
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(log(), FtpMonitorPosition.NONE)) {
            reader.poll(100);
            saved = reader.position();
        }
        Files.move(log(), dir.resolve("extended.log.1"));
        append("new 1\n");
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(log(), saved)) {
            assertEquals(List.of("new 1"), texts(reader.poll(100)));
        }
    }

    @Test
    void aTruncatedLogIsReadAgainFromItsStart() throws Exception {
        append("a long first line\nand a second one\n");
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(log(), FtpMonitorPosition.NONE)) {
            assertEquals(2, reader.poll(100).size());
            Files.writeString(log(), "x\n"); // copytruncate, then a new line
            assertEquals(List.of("x"), texts(reader.poll(100)));
        }
    }

    @Test
    void anOverlongLineIsReturnedWithoutTextAndTheNextLineIsIntact() throws Exception {
        append("x".repeat(FtpMonitorLogLine.MAX_LENGTH * 20) + "\nafter\n");
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(log(), FtpMonitorPosition.NONE)) {
            List<FtpMonitorLogReader.Entry> entries = reader.poll(100);
            assertEquals(2, entries.size());
            assertNull(entries.get(0).text());
            assertEquals("after", entries.get(1).text());
            assertEquals(Files.size(log()), reader.position().offset());
        }
    }

    @Test
    void theStateFileIsReplacedAtomicallyAndADamagedOneIsAnError() throws Exception {
        Path state = dir.resolve("monitor.state");
        assertEquals(FtpMonitorState.INITIAL, FtpMonitorState.load(state));
        FtpMonitorState saved = new FtpMonitorState(new FtpMonitorPosition(5, 6, 7), "alice", "id-1", List.of("a, b/c.pdf", "d.json"));
        saved.save(state);
        assertEquals(saved, FtpMonitorState.load(state));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(state), files.toList()); // no temporary file left
        }
        Files.writeString(state, "device=1\ninode=x\n");
        Exception error = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> FtpMonitorState.load(state));
        assertTrue(error.getMessage().contains("damaged"), error.getMessage());
    }
}
