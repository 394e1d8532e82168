package cz.edeposit.amqp.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link FileStore} on local (or shared, mounted) directories: {@code <root>/<h0h1>/<h2h3>/<key>},
 * so that with 65 536 leaf directories none holds more than 32 000 names below two billion files.
 */
final class LocalFileStore implements FileStore {

    static final String INCOMING = ".incoming";
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}_[0-9a-f]{1,16}");

    private final Map<Area, Path> roots = new EnumMap<>(Area.class);

    LocalFileStore(Path publicDir, Path privateDir, Path archiveDir) {
        roots.put(Area.PUBLIC, publicDir);
        roots.put(Area.PRIVATE, privateDir);
        roots.put(Area.ARCHIVE, archiveDir);
    }

    /** Whether {@code key} has the form of a content key. */
    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    @Override
    public Staged stage(Area area, InputStream content, long maxBytes) throws IOException {
        Path temp = Files.createTempFile(incoming(area), "stage-", ".tmp");
        try {
            MessageDigest sha = sha256();
            long size = 0;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) > 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new ContentTooLarge("more than " + maxBytes + " bytes");
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                out.flush();
                channel.force(true);
            }
            return new Staged(area, temp, HexFormat.of().formatHex(sha.digest()) + "_" + Long.toHexString(size), size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    @Override
    public Staged copy(Area from, String key, Area to) throws IOException {
        try (InputStream in = Files.newInputStream(path(from, key))) {
            return stage(to, in, Long.MAX_VALUE);
        }
    }

    @Override
    public Path place(Staged staged) throws IOException {
        Path target = path(staged.area(), staged.key());
        if (Files.isRegularFile(target)) {
            discard(staged);
            return target;
        }
        Files.createDirectories(target.getParent());
        // Same content under the same name: replacing a file a concurrent save placed meanwhile is harmless.
        Files.move(staged.temp(), target, StandardCopyOption.ATOMIC_MOVE);
        sync(target.getParent());
        return target;
    }

    @Override
    public Path placeDirectory(Area area, String key, Path tempDir) throws IOException {
        Path target = path(area, key);
        if (Files.isDirectory(target)) {
            deleteTree(tempDir);
            return target;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(tempDir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            deleteTree(tempDir); // a concurrent save placed the same archive first
            return target;
        }
        sync(target.getParent());
        return target;
    }

    @Override
    public Path tempDirectory(Area area) throws IOException {
        return Files.createTempDirectory(incoming(area), "unpack-");
    }

    @Override
    public void discard(Staged staged) {
        try {
            Files.deleteIfExists(staged.temp());
        } catch (IOException e) {
            // left in .incoming, which the next start empties
        }
    }

    @Override
    public Path path(Area area, String key) {
        if (!isKey(key)) {
            throw new IllegalArgumentException("not a content key: " + key);
        }
        return roots.get(area).resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    @Override
    public void delete(Area area, String key) throws IOException {
        deleteTree(path(area, key));
    }

    @Override
    public void touch(Area area, String key) throws IOException {
        try {
            Files.setLastModifiedTime(path(area, key), java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing to keep
        }
    }

    @Override
    public java.time.Instant modified(Area area, String key) throws IOException {
        try {
            return Files.getLastModifiedTime(path(area, key), java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void clearIncoming() throws IOException {
        for (Area area : Area.values()) {
            Path dir = roots.get(area).resolve(INCOMING);
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    for (Path entry : (Iterable<Path>) entries::iterator) {
                        deleteTree(entry);
                    }
                }
            }
        }
    }

    @Override
    public java.util.stream.Stream<Placed> placed(Area area) throws IOException {
        Path root = roots.get(area);
        // depth 3 is <h0h1>/<h2h3>/<key>; the incoming directory's name is no two hex digits, so it is skipped
        return Files.walk(root, 3)
                .filter(p -> p.getNameCount() - root.getNameCount() == 3)
                .filter(p -> isKey(p.getFileName().toString()) && p.equals(path(area, p.getFileName().toString())))
                .map(p -> {
                    try {
                        return new Placed(p.getFileName().toString(), Files.getLastModifiedTime(p,
                                java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant());
                    } catch (IOException e) {
                        return null; // deleted meanwhile
                    }
                })
                .filter(java.util.Objects::nonNull);
    }

    private Path incoming(Area area) throws IOException {
        return Files.createDirectories(roots.get(area).resolve(INCOMING));
    }

    /** Deletes a file, or a directory with what it holds, without following symbolic links. */
    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var entries = Files.list(path)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    deleteTree(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    /** Makes a rename or a new file in {@code dir} durable (Linux syncs directories opened for reading). */
    static void sync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Content over the limit given to {@link #stage}. */
    static final class ContentTooLarge extends IOException {
        ContentTooLarge(String message) {
            super(message);
        }
    }
}
