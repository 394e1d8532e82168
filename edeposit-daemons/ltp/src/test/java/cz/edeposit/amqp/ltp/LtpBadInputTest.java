package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.ltp.LtpMessages.ExportRequest;
import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static cz.edeposit.amqp.ltp.ExportFixture.UUID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad input is a ValueError, and both directories stay as they were (an earlier package included). */
class LtpBadInputTest {

    @TempDir
    Path root;

    private ExportFixture fixture;
    private ExportRequest good;
    private byte[] earlier;
    private List<String> exportBefore;

    @BeforeEach
    void anEarlierPackageIsThere() throws Exception {
        fixture = ExportFixture.in(root);
        earlier = ExportFixture.bytes(3000, 9);
        fixture.handle(ExportFixture.request(UUID, earlier));
        good = ExportFixture.request(UUID, ExportFixture.bytes(100, 10));
        exportBefore = ExportFixture.tree(fixture.export);
    }

    private String refused(ExportRequest request) throws Exception {
        ValueError error = assertThrows(ValueError.class, () -> fixture.handle(request));
        assertEquals(exportBefore, ExportFixture.tree(fixture.export));
        assertArrayEquals(earlier, Files.readAllBytes(fixture.export.resolve("complete_" + UUID + "/original/oc_" + UUID + ".pdf")));
        assertEquals(List.of(), ExportFixture.names(fixture.temp));
        return error.getMessage();
    }

    private ExportRequest with(String record, String uuid, String filename, String b64) {
        return new ExportRequest(record, uuid, good.urnNbn(), good.url(), filename, b64);
    }

    @Test
    void aBookUuidThatIsNotAUuidIsRefusedSoNoPathCanLeaveTheExportDirectory() throws Exception {
        for (String uuid : List.of("../../etc", "", UUID + "/..", "0a1b2c3d-4e5f-4071-8293", UUID + "0")) {
            String message = refused(with(good.alephRecord(), uuid, good.filename(), good.b64Data()));
            assertTrue(message.startsWith("book_uuid must be a UUID"), message);
        }
        assertEquals(Boolean.TRUE, fixture.handle(with(good.alephRecord(), "0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9",
                good.filename(), good.b64Data())), "the dashed form is a UUID too");
    }

    @Test
    void base64WithOtherCharactersThanLineBreaksOrBadPaddingIsRefused() throws Exception {
        for (String b64 : List.of("not base64!", "QUJD\tREVG", "QQ=A", "=QUJD", "", "  ")) {
            String message = refused(with(good.alephRecord(), UUID, good.filename(), b64));
            assertTrue(message.startsWith("b64_data is"), message);
        }
    }

    @Test
    void aFileNameWithoutAUsableSuffixIsRefused() throws Exception {
        for (String name : List.of("book", "book.", "book.pdf/", "../x.p-f", "book.abcdefghijk", "a.pdf\\")) {
            String message = refused(with(good.alephRecord(), UUID, name, good.b64Data()));
            assertTrue(message.startsWith("filename must end with a suffix"), message);
        }
    }

    @Test
    void aRecordThatIsNotMarcOrAPathOrWithoutACreatorIsRefused() throws Exception {
        for (String record : List.of("/etc/passwd", "", "<html><body/></html>", "<a><b>", Records.withoutCreator(),
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                "<r>" + " ".repeat(CatalogueRecord.MAX_RECORD_CHARS) + "</r>")) {
            String message = refused(with(record, UUID, good.filename(), good.b64Data()));
            assertTrue(message.startsWith("aleph_record"), message);
        }
    }

    @Test
    void aFileOverTheLimitIsRefusedWhileDecodingNamingTheLimit() throws Exception {
        byte[] justOver = ExportFixture.bytes((1 << 20) + 1, 11);
        String message = refused(with(good.alephRecord(), UUID, good.filename(),
                Base64.getMimeEncoder().encodeToString(justOver)));
        assertEquals("b64_data decodes to more than LTP_MAX_FILE_BYTES (1048576 bytes): the file is too large for this"
                + " daemon", message);
        // Far over: refused by its length, before any byte is decoded.
        String far = refused(with(good.alephRecord(), UUID, good.filename(), "A".repeat(4 << 20)));
        assertTrue(far.contains("LTP_MAX_FILE_BYTES"), far);
        byte[] exactly = ExportFixture.bytes(1 << 20, 12);
        assertEquals(Boolean.TRUE, fixture.handle(with(good.alephRecord(), UUID, good.filename(),
                Base64.getMimeEncoder().encodeToString(exactly))), "the limit itself is allowed");
    }

    @Test
    void aUrnNbnOrUrlThatXmlCannotCarryIsRefused() throws Exception {
        for (String urn : List.of("urn:nbn:cz:nkp-1\u0001", "isbn:123", "urn:nbn:cz:a b")) {
            String message = refused(new ExportRequest(good.alephRecord(), UUID, urn, good.url(), good.filename(),
                    good.b64Data()));
            assertTrue(message.startsWith("urn_nbn must be a URN:NBN"), message);
        }
        String message = refused(new ExportRequest(good.alephRecord(), UUID, good.urnNbn(), "http://a/\u0000",
                good.filename(), good.b64Data()));
        assertTrue(message.startsWith("url must be at most 2048 characters"), message);
    }
}
