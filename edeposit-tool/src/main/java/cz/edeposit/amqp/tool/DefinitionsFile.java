package cz.edeposit.amqp.tool;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Where {@code --export-definitions} writes: a file, replaced whole, or standard output for {@code -}. */
final class DefinitionsFile {

    private final String target;
    private final PrintWriter out;

    DefinitionsFile(String target, PrintWriter out) {
        this.target = target;
        this.out = out;
    }

    /** Writes {@code json}, replacing an existing file (created with the process umask, like any output file). */
    void write(String json) {
        if (target.equals(PutSource.STDIN)) {
            out.print(json);
            out.flush();
            return;
        }
        try {
            Files.writeString(Path.of(target), json, StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw ToolFailure.of("Can't write '" + target + "'!", "(" + e + ")");
        }
    }
}
