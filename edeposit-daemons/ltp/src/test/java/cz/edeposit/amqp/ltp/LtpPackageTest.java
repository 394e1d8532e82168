package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.ltp.LtpMessages.ExportRequest;
import cz.edeposit.amqp.marc.SafeXml;
import cz.edeposit.amqp.mods.ModsSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.xml.transform.dom.DOMSource;

import static cz.edeposit.amqp.ltp.ExportFixture.UUID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NDK SIP package an export writes, checked file by file against what it must hold. */
class LtpPackageTest {

    @TempDir
    Path root;

    @Test
    void anExportWritesTheOriginalTheModsTheMd5AndTheInfoFileUnderThePrefixedUuid() throws Exception {
        ExportFixture fixture = ExportFixture.in(root);
        byte[] data = ExportFixture.bytes(200_000, 1);
        assertEquals(Boolean.TRUE, fixture.handle(ExportFixture.request(UUID, data)));

        assertEquals(List.of("complete_" + UUID), ExportFixture.names(fixture.export));
        Path pkg = fixture.export.resolve("complete_" + UUID);
        assertEquals(List.of("MD5_" + UUID + ".md5", "info_" + UUID + ".xml", "metadata/", "metadata/mods_volume.xml",
                "original/", "original/oc_" + UUID + ".pdf"), ExportFixture.tree(pkg));
        assertArrayEquals(data, Files.readAllBytes(pkg.resolve("original/oc_" + UUID + ".pdf")));
        assertEquals(List.of(), ExportFixture.names(fixture.temp), "nothing stays in TEMP_DIR");

        assertEquals(recomputedMd5Lines(pkg), Files.readString(pkg.resolve("MD5_" + UUID + ".md5")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                pkg.resolve("original/oc_" + UUID + ".pdf"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(pkg)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(pkg.resolve("metadata"))));

        String mods = Files.readString(pkg.resolve("metadata/mods_volume.xml"));
        ModsSchema.validate(SafeXml.parse(mods));
        assertTrue(mods.contains("<mods:identifier type=\"urnnbn\">urn:nbn:cz:nkp-000001</mods:identifier>"), mods);
        assertTrue(mods.contains("<mods:identifier type=\"uuid\">" + UUID + "</mods:identifier>"), mods);
        assertTrue(mods.contains("ID=\"MODS_VOLUME_0001\""), mods);
    }

    @Test
    void theInfoFileFollowsOurSchemaAndDescribesThePackage() throws Exception {
        ExportFixture fixture = ExportFixture.in(root);
        fixture.handle(ExportFixture.request(UUID, ExportFixture.bytes(5000, 2)));
        Path pkg = fixture.export.resolve("complete_" + UUID);
        Document info = SafeXml.parse(Files.readString(pkg.resolve("info_" + UUID + ".xml")));
        InfoDocument.schema().newValidator().validate(new DOMSource(info));

        assertTrue(Pattern.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d", text(info, "created")));
        assertEquals(List.of("1.0"), texts(info, "metadataversion"));
        assertEquals(List.of(UUID), texts(info, "packageid"));
        assertEquals(List.of("isbn=978-80-7000-000-0", "ccnb=cnb002345678", "urnnbn=urn:nbn:cz:nkp-000001"),
                attributed(info, "titleid", "type"));
        assertEquals(List.of("edeposit"), texts(info, "collection"));
        assertEquals(List.of("Nakladatelství Test"), texts(info, "institution"));
        assertEquals(List.of("ABA001"), texts(info, "creator"));
        long bytes = Files.size(pkg.resolve("MD5_" + UUID + ".md5")) + Files.size(pkg.resolve("original/oc_" + UUID + ".pdf"))
                + Files.size(pkg.resolve("metadata/mods_volume.xml"));
        assertEquals(List.of(Long.toString((bytes + 1023) / 1024)), texts(info, "size"));
        assertEquals("2", ((Element) info.getElementsByTagName("itemlist").item(0)).getAttribute("itemtotal"));
        assertEquals(List.of("/metadata/mods_volume.xml", "/original/oc_" + UUID + ".pdf"), texts(info, "item"));
        Element checksum = (Element) info.getElementsByTagName("checksum").item(0);
        assertEquals("/MD5_" + UUID + ".md5", checksum.getTextContent());
        assertEquals("MD5", checksum.getAttribute("type"));
        assertEquals(SipPackage.md5(Files.readAllBytes(pkg.resolve("MD5_" + UUID + ".md5"))),
                checksum.getAttribute("checksum"));
    }

    @Test
    void withoutA910TheCreatorIsTheLast040dAndWithoutAUrnNbnThereIsNoUrnNbnTitleId() throws Exception {
        ExportFixture fixture = ExportFixture.in(root);
        ExportRequest base = ExportFixture.request(UUID, ExportFixture.bytes(10, 3));
        fixture.handle(new ExportRequest(Records.book("Bez 910", null), UUID, "", base.url(), "kniha.epub", base.b64Data()));
        Path pkg = fixture.export.resolve("complete_" + UUID);
        Document info = SafeXml.parse(Files.readString(pkg.resolve("info_" + UUID + ".xml")));
        assertEquals(List.of("ABA013"), texts(info, "creator"));
        assertEquals(List.of("isbn=978-80-7000-000-0", "ccnb=cnb002345678"), attributed(info, "titleid", "type"));
        assertTrue(Files.exists(pkg.resolve("original/oc_" + UUID + ".epub")));
        assertTrue(!Files.readString(pkg.resolve("metadata/mods_volume.xml")).contains("urnnbn"));
    }

    @Test
    void severalRecordsGiveNumberedModsVolumesAllListedAndChecksummed() throws Exception {
        ExportFixture fixture = ExportFixture.in(root);
        ExportRequest base = ExportFixture.request(UUID, ExportFixture.bytes(10, 4));
        fixture.handle(new ExportRequest(Records.volumes(3), UUID, "urn:nbn:cz:nkp-000002", base.url(), "a.pdf",
                base.b64Data()));
        Path pkg = fixture.export.resolve("complete_" + UUID);
        assertEquals(List.of("mods_volume.xml", "mods_volume_2.xml", "mods_volume_3.xml"),
                ExportFixture.names(pkg.resolve("metadata")));
        String second = Files.readString(pkg.resolve("metadata/mods_volume_2.xml"));
        assertTrue(second.contains("ID=\"MODS_VOLUME_0002\"") && second.contains("Svazek 2"), second);
        ModsSchema.validate(SafeXml.parse(second));
        Document info = SafeXml.parse(Files.readString(pkg.resolve("info_" + UUID + ".xml")));
        assertEquals("4", ((Element) info.getElementsByTagName("itemlist").item(0)).getAttribute("itemtotal"));
        assertEquals(recomputedMd5Lines(pkg), Files.readString(pkg.resolve("MD5_" + UUID + ".md5")));
    }

    /** The MD5 file as it must be: every file but itself and the info file, sorted by its /-rooted path. */
    static String recomputedMd5Lines(Path pkg) throws Exception {
        Map<String, String> lines = new TreeMap<>();
        for (String path : ExportFixture.tree(pkg)) {
            if (!path.endsWith("/") && !path.startsWith("MD5_") && !path.startsWith("info_")) {
                lines.put("/" + path, SipPackage.md5(Files.readAllBytes(pkg.resolve(path))));
            }
        }
        StringBuilder out = new StringBuilder();
        lines.forEach((path, md5) -> out.append(md5).append(' ').append(path).append('\n'));
        return new String(out.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static String text(Document document, String name) {
        return document.getElementsByTagName(name).item(0).getTextContent();
    }

    private static List<String> texts(Document document, String name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < document.getElementsByTagName(name).getLength(); i++) {
            out.add(document.getElementsByTagName(name).item(i).getTextContent());
        }
        return out;
    }

    private static List<String> attributed(Document document, String name, String attribute) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < document.getElementsByTagName(name).getLength(); i++) {
            Element element = (Element) document.getElementsByTagName(name).item(i);
            out.add(element.getAttribute(attribute) + "=" + element.getTextContent());
        }
        return out;
    }
}
