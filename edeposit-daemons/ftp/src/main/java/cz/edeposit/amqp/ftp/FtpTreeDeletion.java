package cz.edeposit.amqp.ftp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rm -rf} of a user's home that never follows a symbolic link and so never leaves the tree: every step is
 * made relative to an open directory ({@code openat}/{@code unlinkat} through {@link SecureDirectoryStream}), with
 * links opened as links, so a directory that an FTP user swaps for a link meanwhile is not entered either.
 */
final class FtpTreeDeletion {

    private FtpTreeDeletion() {
    }

    /** Deletes {@code root} and everything in it; a link named {@code root} is deleted as a link. */
    static void delete(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root.getParent())) {
            if (!(stream instanceof SecureDirectoryStream<Path> parent)) {
                throw new IOException("this system cannot delete a tree without following links (no SecureDirectoryStream)");
            }
            deleteEntry(parent, root.getFileName());
        }
    }

    private static void deleteEntry(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = parent.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException gone) {
            return;
        }
        if (!attributes.isDirectory()) {
            deleteFile(parent, name);
            return;
        }
        SecureDirectoryStream<Path> opened;
        try {
            opened = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return;
        } catch (FileSystemException swapped) {
            // a link or a file since it was looked at (O_NOFOLLOW refused it): delete it as what it is now
            deleteFile(parent, name);
            return;
        }
        try (SecureDirectoryStream<Path> dir = opened) {
            List<Path> children = new ArrayList<>();
            for (Path child : dir) {
                children.add(child.getFileName());
            }
            for (Path child : children) {
                deleteEntry(dir, child);
            }
        }
        try {
            parent.deleteDirectory(name);
        } catch (NoSuchFileException gone) {
            // deleted meanwhile
        }
    }

    private static void deleteFile(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        try {
            parent.deleteFile(name);
        } catch (NoSuchFileException gone) {
            // deleted meanwhile
        }
    }
}
