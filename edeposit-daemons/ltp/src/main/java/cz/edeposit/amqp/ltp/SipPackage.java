package cz.edeposit.amqp.ltp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one NDK SIP package into a new directory (docs/ltp.md, "The package"): the original, the
 * MODS volumes, the MD5 file and the info document, every file synced and every directory too, so
 * that the caller may move the directory into LTP's sight at once.
 */
final class SipPackage {

    private SipPackage() {
    }

    /**
     * Builds the package of {@code uuid} in the new directory {@code dir}.
     *
     * @param mods     the MODS documents, one per volume
     * @param b64Data  the file, decoded into {@code original/oc_<uuid>.<suffix>} as a stream
     * @throws cz.edeposit.amqp.wire.ValueError when {@code b64Data} is not base64 or too large
     */
    static void build(Path dir, String uuid, CatalogueRecord record, List<String> mods, String urnNbn,
                      String suffix, String b64Data, long maxFileBytes, Instant created) throws IOException {
        PackageFiles.directory(dir);
        Path original = PackageFiles.directory(dir.resolve("original"));
        Path metadata = PackageFiles.directory(dir.resolve("metadata"));
        // Package-relative path to MD5, sorted by path for the MD5 file.
        Map<String, String> md5s = new TreeMap<>();
        String originalName = "oc_" + uuid + "." + suffix;
        md5s.put("/original/" + originalName, OriginalFile.decode(b64Data, original.resolve(originalName), maxFileBytes));
        for (int i = 0; i < mods.size(); i++) {
            String name = ModsVolumes.fileName(i + 1);
            byte[] bytes = mods.get(i).getBytes(StandardCharsets.UTF_8);
            PackageFiles.write(metadata.resolve(name), bytes);
            md5s.put("/metadata/" + name, md5(bytes));
        }
        List<String> items = new ArrayList<>(md5s.keySet());
        StringBuilder lines = new StringBuilder();
        md5s.forEach((path, md5) -> lines.append(md5).append(' ').append(path).append('\n'));
        String md5Name = "MD5_" + uuid + ".md5";
        byte[] md5File = lines.toString().getBytes(StandardCharsets.UTF_8);
        PackageFiles.write(dir.resolve(md5Name), md5File);
        long bytes = md5File.length;
        for (String item : items) {
            bytes += Files.size(dir.resolve(item.substring(1)));
        }
        InfoDocument info = new InfoDocument(created, uuid, record.titleIds(urnNbn), record.institution(),
                record.creator(), (bytes + 1023) / 1024, items, "/" + md5Name, md5(md5File));
        PackageFiles.write(dir.resolve("info_" + uuid + ".xml"), info.xml());
        PackageFiles.syncTree(dir);
    }

    static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(OriginalFile.md5().digest(bytes));
    }
}
