package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.wire.UserWarning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile documents against the real calibre, with the daemon's handler as it starts (the sandbox
 * on by default): a document must not bring a local file outside its work directory into the book,
 * nor fill the disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalibreSandboxIT {

    /** Small enough for a test, and far below the 128 MiB the zip bomb unpacks to. */
    private static final long WORK_LIMIT = 16L << 20;

    @TempDir
    static Path temp;

    private String secret;
    private Path markerText;
    private Path markerHtml;
    private ConversionHandler handler;

    @BeforeAll
    void startTheHandlerAndPlantMarkersOutsideItsWorkDirectory() throws Exception {
        secret = "MARKER-" + UUID.randomUUID();
        markerText = Files.writeString(temp.resolve("marker.txt"), secret + "\nroot:x:0:0:root:/root:/bin/sh\n");
        markerHtml = Files.writeString(temp.resolve("marker.html"),
                "<html><head><title>local</title></head><body><p>" + secret + "</p></body></html>\n");
        Path work = Files.createDirectory(temp.resolve("work"));
        Path config = Files.createDirectory(temp.resolve("config"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("EDEPOSIT_CALIBRE_TEMP_DIR", work.toString());
        env.put("EDEPOSIT_CALIBRE_MAX_WORK_BYTES", Long.toString(WORK_LIMIT));
        handler = ConversionHandler.create(new DaemonEnvironment(new ConfigLocator(config, env, config), env, null, 1));
    }

    private byte[] convert(String input, String output, byte[] document) throws Exception {
        ConversionResponse response = handler.convert(
                new ConversionRequest(input, output, Base64.getEncoder().encodeToString(document)), "sandbox-it");
        return Base64.getMimeDecoder().decode(response.b64Data());
    }

    private void assertNoMarker(byte[] epub) throws IOException {
        Samples.zipEntries(epub).forEach((name, content) ->
                assertFalse(content.contains(secret), () -> name + " holds the local file: " + content));
    }

    @Test
    void aDocxImageLinkedToALocalFileDoesNotBringTheFileIntoTheBook() throws Exception {
        byte[] epub = convert("docx", "epub", docxWithExternalImage("file://" + markerText));

        assertTrue(Samples.zipEntries(epub).values().stream().anyMatch(text -> text.contains(Samples.SENTENCE)));
        assertNoMarker(epub);
    }

    @Test
    void anHtmlLinkToALocalPageDoesNotBringThePageIntoTheBook() throws Exception {
        byte[] html = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Odkaz</title></head><body><p>"
                + Samples.SENTENCE + "</p><p><a href=\"" + markerHtml + "\">more</a></p></body></html>\n")
                .getBytes(StandardCharsets.UTF_8);

        byte[] epub = convert("html", "epub", html);

        assertTrue(Samples.zipEntries(epub).values().stream().anyMatch(text -> text.contains(Samples.SENTENCE)));
        assertNoMarker(epub);
    }

    @Test
    void aZipBombIsStoppedByTheWorkDirectoryLimit() throws Exception {
        byte[] bomb = epubWithZeros(128 << 20);
        assertTrue(bomb.length < 1 << 20, "small on the wire: " + bomb.length);

        UserWarning stopped = assertThrows(UserWarning.class, () -> convert("epub", "txt", bomb));

        assertEquals("Conversion failed: the work directory grew beyond " + WORK_LIMIT + " bytes "
                + "(CALIBRE_MAX_WORK_BYTES), so ebook-convert was killed", stopped.getMessage());
        try (var left = Files.list(temp.resolve("work"))) {
            assertEquals(0, left.count(), "the work directory is gone");
        }
    }

    /** A DOCX whose one image is an external relationship, as Word writes a linked picture. */
    private static byte[] docxWithExternalImage(String target) throws IOException {
        String pkg = "http://schemas.openxmlformats.org/package/2006/";
        String office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        String drawing = "http://schemas.openxmlformats.org/drawingml/2006/";
        return zip(Map.of(
                "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"" + pkg + "content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
                        + "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
                "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" + pkg + "relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"" + office + "/officeDocument\" Target=\"word/document.xml\"/>"
                        + "</Relationships>",
                "word/_rels/document.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                        + pkg + "relationships\"><Relationship Id=\"rId5\" Type=\"" + office + "/image\" Target=\""
                        + target + "\" TargetMode=\"External\"/></Relationships>",
                "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\""
                        + "http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"" + office + "\" "
                        + "xmlns:wp=\"" + drawing + "wordprocessingDrawing\" xmlns:a=\"" + drawing + "main\" xmlns:pic=\""
                        + drawing + "picture\"><w:body><w:p><w:r><w:t>" + Samples.SENTENCE + "</w:t></w:r></w:p>"
                        + "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"952500\" cy=\"952500\"/><wp:docPr id=\"1\" "
                        + "name=\"Picture 1\"/><a:graphic><a:graphicData uri=\"" + drawing + "picture\"><pic:pic>"
                        + "<pic:nvPicPr><pic:cNvPr id=\"1\" name=\"image.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
                        + "<pic:blipFill><a:blip r:link=\"rId5\"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData>"
                        + "</a:graphic></wp:inline></w:drawing></w:r></w:p></w:body></w:document>"));
    }

    /** A valid one-page EPUB with a member of {@code zeros} zero bytes, which deflates to about a thousandth. */
    private static byte[] epubWithZeros(int zeros) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] mimetype = "application/epub+zip".getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            put(zip, "META-INF/container.xml", "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\""
                    + "urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile full-path=\"content.opf\" "
                    + "media-type=\"application/oebps-package+xml\"/></rootfiles></container>");
            put(zip, "content.opf", "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"2.0\" "
                    + "unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Bomba"
                    + "</dc:title><dc:identifier id=\"id\">bomb</dc:identifier><dc:language>cs</dc:language></metadata>"
                    + "<manifest><item id=\"page\" href=\"page.html\" media-type=\"application/xhtml+xml\"/></manifest>"
                    + "<spine><itemref idref=\"page\"/></spine></package>");
            put(zip, "page.html", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Bomba</title></head><body><p>"
                    + Samples.SENTENCE + "</p></body></html>");
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("filler.bin"));
            byte[] block = new byte[1 << 20];
            for (int written = 0; written < zeros; written += block.length) {
                zip.write(block, 0, Math.min(block.length, zeros - written));
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
