package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.wire.PreconditionError;
import cz.edeposit.amqp.wire.UserWarning;
import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler's rules around the converter, with stand-in scripts; calibre itself is in the IT tests. */
class ConversionHandlerTest {

    @TempDir
    Path temp;

    private ConversionHandler handler(String scriptBody) throws Exception {
        Path work = Files.createDirectories(temp.resolve("work"));
        CalibreSettings settings = StandIn.settings(StandIn.script(temp, "convert", scriptBody),
                Duration.ofSeconds(30), 1 << 20, work);
        return new ConversionHandler(settings, new EbookConvert(settings, Map.of("PATH", System.getenv("PATH")), false));
    }

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    private List<String> leftInWork() {
        return List.of(temp.resolve("work").toFile().list());
    }

    @Test
    void answersWithTheOutputInBase64WrappedAtEightyColumnsAndTheStdoutAsProtocol() throws Exception {
        ConversionHandler handler = handler("cp \"$1\" \"$2\"\necho \"TXT output written to $2\"");
        byte[] data = new byte[200];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        ConversionResponse response = handler.convert(new ConversionRequest("html", "txt", b64(data)), "u-1");
        assertEquals("txt", response.format());
        List<String> lines = response.b64Data().lines().toList();
        assertEquals(List.of(80, 80, 80, 28), lines.stream().map(String::length).toList());
        assertArrayEquals(data, Base64.getMimeDecoder().decode(response.b64Data()));
        assertTrue(response.protocol().startsWith("TXT output written to " + temp.resolve("work")), response.protocol());
        assertTrue(response.protocol().contains("/output.txt"), "fixed file names, not taken from the message");
        assertEquals(List.of(), leftInWork());
    }

    @Test
    void acceptsBase64WithLineBreaksAsPythonClientsWrapIt() throws Exception {
        ConversionHandler handler = handler("cp \"$1\" \"$2\"\necho \"EPUB output written to $2\"");
        byte[] data = "Příliš žluťoučký kůň úpěl ďábelské ódy.".repeat(5).getBytes(StandardCharsets.UTF_8);
        String wrapped = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(data);
        ConversionResponse response = handler.convert(new ConversionRequest("txt", "epub", wrapped), "u-2");
        assertArrayEquals(data, Base64.getMimeDecoder().decode(response.b64Data()));
    }

    @Test
    void failsWithUserWarningWhenTheMarkerLineOrTheOutputIsMissingOrTheStatusIsNotZero() throws Exception {
        ConversionRequest request = new ConversionRequest("txt", "pdf", b64(new byte[] {1}));
        UserWarning noMarker = assertThrows(UserWarning.class,
                () -> handler("cp \"$1\" \"$2\"\necho 'EPUB output written to'").convert(request, "u"));
        assertTrue(noMarker.getMessage().startsWith("Conversion failed: ebook-convert did not report "
                + "'PDF output written to'. Its last output:\nEPUB output written to"), noMarker.getMessage());
        UserWarning noOutput = assertThrows(UserWarning.class,
                () -> handler("echo 'PDF output written to'").convert(request, "u"));
        assertTrue(noOutput.getMessage().startsWith("Conversion failed: ebook-convert reported success but wrote no pdf"),
                noOutput.getMessage());
        UserWarning status = assertThrows(UserWarning.class,
                () -> handler("cp \"$1\" \"$2\"\necho 'PDF output written to'\necho broken >&2\nexit 1").convert(request, "u"));
        assertEquals("Conversion failed: ebook-convert exited with status 1. Its last output:\n"
                + "PDF output written to\nbroken", status.getMessage());
        assertEquals(List.of(), leftInWork());
    }

    @Test
    void sendsAnOebDirectoryAsAZipOfItsFiles() throws Exception {
        ConversionHandler handler = handler("mkdir -p \"$2/images\"\necho '<package/>' > \"$2/content.opf\"\n"
                + "echo img > \"$2/images/a.png\"\necho \"OEB output written to $2\"");
        ConversionResponse response = handler.convert(new ConversionRequest("txt", "oeb", b64(new byte[] {1})), "u");
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Base64.getMimeDecoder().decode(response.b64Data())))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName() + "=" + new String(zip.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        }
        assertEquals(List.of("content.opf=<package/>", "images/a.png=img"), names);
    }

    @Test
    void refusesTooLargeOutputWithUserWarning() throws Exception {
        ConversionHandler handler = handler("head -c 1048577 /dev/zero > \"$2\"\necho 'TXT output written to'");
        UserWarning tooBig = assertThrows(UserWarning.class,
                () -> handler.convert(new ConversionRequest("txt", "txt", b64(new byte[] {1})), "u"));
        assertTrue(tooBig.getMessage().contains("1048577 bytes"), tooBig.getMessage());
        assertEquals(List.of(), leftInWork());
    }

    @Test
    void refusesFormatsAndBadDataBeforeRunningAnything() throws Exception {
        ConversionHandler handler = handler("touch '" + temp.resolve("ran") + "'; exit 1");
        PreconditionError format = assertThrows(PreconditionError.class,
                () -> handler.convert(new ConversionRequest("exe", "pdf", b64(new byte[] {1})), "u"));
        assertTrue(format.getMessage().startsWith("Unsupported input format 'exe'"));
        assertThrows(PreconditionError.class, () -> handler.convert(new ConversionRequest("txt", "docx", ""), "u"));
        ValueError notBase64 = assertThrows(ValueError.class,
                () -> handler.convert(new ConversionRequest("txt", "pdf", "QUJD=x"), "u"));
        assertTrue(notBase64.getMessage().startsWith("b64_data is not valid base64"), notBase64.getMessage());
        assertThrows(ValueError.class, () -> handler.convert(new ConversionRequest("txt", "pdf", null), "u"));
        assertEquals(List.of(), leftInWork());
        assertTrue(Files.notExists(temp.resolve("ran")), "the converter never ran");
    }

    @Test
    void refusesAnythingButAConversionRequestAsTheOriginalDid() throws Exception {
        ConversionHandler handler = handler("exit 1");
        ValueError error = assertThrows(ValueError.class, () -> handler.handle(Map.of("a", 1), null));
        assertEquals("Unknown type of request: '<type 'dict'>'!", error.getMessage());
    }
}
