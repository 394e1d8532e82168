package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.ltp.LtpMessages.TrackingRequest;
import cz.edeposit.amqp.ltp.LtpMessages.TrackingResponse;
import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static cz.edeposit.amqp.ltp.ExportFixture.UUID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tracking reads LTP's answer from the name it gives the package directory. */
class LtpTrackingTest {

    @TempDir
    Path root;

    private ExportFixture fixture;
    private Path pkg;

    @BeforeEach
    void exported() throws Exception {
        fixture = ExportFixture.in(root);
        fixture.handle(ExportFixture.request(UUID, ExportFixture.bytes(100, 13)));
        pkg = fixture.export.resolve("complete_" + UUID);
    }

    private TrackingResponse track(String uuid) {
        return (TrackingResponse) fixture.handle(new TrackingRequest(uuid));
    }

    private void ltpRenamesItTo(String name) throws Exception {
        Files.move(pkg, fixture.export.resolve(name));
        pkg = fixture.export.resolve(name);
    }

    @Test
    void whileLtpHasNotAnsweredTheStatusIsComplete() {
        assertEquals(new TrackingResponse(UUID, false, "complete_"), track(UUID));
    }

    @Test
    void okSuccessOrDoneInAnyCaseWithOrWithoutAnUnderscoreIsExported() throws Exception {
        for (String status : new String[] {"ok_", "OK", "success_", "Done_", "done"}) {
            ltpRenamesItTo(status + UUID);
            assertEquals(new TrackingResponse(UUID, true, null), track(UUID), status);
        }
    }

    @Test
    void anyOtherStatusIsTheError() throws Exception {
        ltpRenamesItTo("error_bad_checksum_" + UUID);
        assertEquals(new TrackingResponse(UUID, false, "error_bad_checksum_"), track(UUID));
        ltpRenamesItTo("okay_" + UUID);
        assertEquals(new TrackingResponse(UUID, false, "okay_"), track(UUID));
    }

    @Test
    void theNewestEntryWinsAndDotNamedOnesAreSkipped() throws Exception {
        ltpRenamesItTo("ok_" + UUID);
        Files.setLastModifiedTime(pkg, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Path failed = Files.createDirectory(fixture.export.resolve("failed_" + UUID));
        Files.setLastModifiedTime(failed, FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
        Files.createDirectory(fixture.export.resolve(".complete_" + UUID + ".partial-x"));
        assertEquals(new TrackingResponse(UUID, false, "failed_"), track(UUID));
        Files.setLastModifiedTime(pkg, FileTime.from(Instant.parse("2022-01-01T00:00:00Z")));
        assertEquals(new TrackingResponse(UUID, true, null), track(UUID));
    }

    @Test
    void anUnknownUuidOrOneThatIsNotAUuidIsAValueError() {
        String unknown = "ffffffffffffffffffffffffffffffff";
        ValueError missing = assertThrows(ValueError.class, () -> track(unknown));
        assertEquals("no package of book_uuid " + unknown + " in the export directory", missing.getMessage());
        for (String bad : new String[] {"", "complete", "../" + UUID, null}) {
            ValueError error = assertThrows(ValueError.class, () -> track(bad));
            assertTrue(error.getMessage().startsWith("book_uuid must be a UUID"), error.getMessage());
        }
    }
}
