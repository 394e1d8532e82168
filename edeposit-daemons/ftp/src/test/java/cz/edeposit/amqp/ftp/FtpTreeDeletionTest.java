package cz.edeposit.amqp.ftp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The home deletion never follows a symbolic link out of the home. */
class FtpTreeDeletionTest {

    @TempDir
    Path dir;

    @Test
    void deletesTheTreeAndOnlyTheLinksThatPointOutOfIt() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside/keep"));
        Files.writeString(outside.resolve("precious.txt"), "keep me");
        Path home = Files.createDirectories(dir.resolve("data/alice/books/2024"));
        Files.writeString(home.resolve("book.epub"), "epub");
        Path alice = dir.resolve("data/alice");
        Files.writeString(alice.resolve("meta.json"), "{}");
        Files.createSymbolicLink(alice.resolve("link-to-dir"), outside);
        Files.createSymbolicLink(alice.resolve("books/link-to-file"), outside.resolve("precious.txt"));
        Files.createSymbolicLink(alice.resolve("books/2024/link-to-root"), Path.of("/"));
        Files.createSymbolicLink(alice.resolve("dangling"), dir.resolve("nothing"));

        FtpTreeDeletion.delete(alice);

        assertFalse(Files.exists(alice));
        assertEquals("keep me", Files.readString(outside.resolve("precious.txt")));
        assertEquals(FtpTestFiles.tree(dir.resolve("outside")), java.util.List.of("", "keep", "keep/precious.txt"));
        assertTrue(Files.isDirectory(dir.resolve("data")));
    }

    @Test
    void aHomeThatIsALinkIsDeletedAsALink() throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("file"), "x");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createSymbolicLink(data.resolve("bob"), target);
        FtpTreeDeletion.delete(data.resolve("bob"));
        assertFalse(Files.exists(data.resolve("bob"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("x", Files.readString(target.resolve("file")));
    }

    @Test
    void aMissingTreeIsNothingToDo() throws Exception {
        FtpTreeDeletion.delete(dir.resolve("nothing"));
        assertTrue(Files.isDirectory(dir));
    }
}
