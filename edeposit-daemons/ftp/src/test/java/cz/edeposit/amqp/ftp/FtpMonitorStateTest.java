package cz.edeposit.amqp.ftp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FtpMonitorStateTest {

    @TempDir
    Path dir;

    @Test
    void saveReplacesTheStateFileWithMode0600AndLoadReadsItBack() throws IOException {
        Path file = dir.resolve("monitor.state");
        FtpMonitorState first = FtpMonitorState.INITIAL.at(new FtpMonitorPosition(8, 1234, 99));
        FtpMonitorState second = first.at(new FtpMonitorPosition(8, 1234, 2048))
                .publishedBy("alice", "c6a65718-a075-324d-8ee8-b06f415b6137", List.of("book.pdf", "book.epub"));

        first.save(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        second.save(file);

        assertEquals(second, FtpMonitorState.load(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList()); // no temporary file left beside it
        }
    }
}
