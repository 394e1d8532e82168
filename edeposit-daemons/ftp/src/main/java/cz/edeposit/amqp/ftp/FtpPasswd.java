package cz.edeposit.amqp.ftp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The content of ProFTPD's passwd file: its accounts, and every line that is not one (a comment, a blank line, a
 * line this daemon does not understand), kept in place so that writing it back changes only what was changed.
 * Immutable: each change returns a new instance.
 */
final class FtpPasswd {

    /** Each line without its line break: a {@link FtpPasswdEntry}, or the {@link String} of a line kept as it is. */
    private final List<Object> lines;

    private FtpPasswd(List<Object> lines) {
        this.lines = Collections.unmodifiableList(lines);
    }

    static final FtpPasswd EMPTY = new FtpPasswd(List.of());

    /** Reads the text of a passwd file; lines that are not entries are kept as they are. */
    static FtpPasswd parse(String text) {
        try {
            return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the bytes of a String are UTF-8
        }
    }

    /** Reads a passwd file a line at a time; lines that are not entries are kept as they are. */
    static FtpPasswd parse(InputStream in) throws IOException {
        List<Object> lines = new ArrayList<>();
        FtpPasswdLines.read(in, (number, line) ->
                lines.add(line.nameEnd() < 0 ? line.toString() : FtpPasswdEntry.of(line.toString())));
        return new FtpPasswd(lines);
    }

    /**
     * The account names of a passwd file in file order, read a line at a time without keeping the rest of it;
     * {@code notUnderstood} gets each line that {@link #notUnderstood()} would name.
     */
    static List<String> names(InputStream in, Consumer<String> notUnderstood) throws IOException {
        List<String> names = new ArrayList<>();
        entries(in, notUnderstood, (line, nameEnd) -> names.add(line.text(nameEnd)));
        return names;
    }

    /**
     * The first account named {@code name} of a passwd file read a line at a time, only its line kept;
     * {@code notUnderstood} gets each line that {@link #notUnderstood()} would name.
     */
    static Optional<FtpPasswdEntry> find(InputStream in, String name, Consumer<String> notUnderstood) throws IOException {
        FtpPasswdEntry[] first = new FtpPasswdEntry[1];
        entries(in, notUnderstood, (line, nameEnd) -> {
            if (first[0] == null && line.isNamed(name, nameEnd)) {
                first[0] = FtpPasswdEntry.of(line.toString());
            }
        });
        return Optional.ofNullable(first[0]);
    }

    private interface EntryLine {
        void entry(FtpPasswdLines line, int nameEnd);
    }

    private static void entries(InputStream in, Consumer<String> notUnderstood, EntryLine entry) throws IOException {
        FtpPasswdLines.read(in, (number, line) -> {
            int nameEnd = line.nameEnd();
            if (nameEnd >= 0) {
                entry.entry(line, nameEnd);
            } else {
                name(number, line.toString(), notUnderstood);
            }
        });
    }

    /** The text of the file: every line followed by a line break. */
    String format() {
        StringBuilder text = new StringBuilder(lines.size() * 128);
        for (Object line : lines) {
            text.append(line instanceof FtpPasswdEntry entry ? entry.line() : (String) line).append('\n');
        }
        return text.toString();
    }

    /** The accounts, in file order. */
    List<FtpPasswdEntry> entries() {
        List<FtpPasswdEntry> entries = new ArrayList<>(lines.size());
        for (Object line : lines) {
            if (line instanceof FtpPasswdEntry entry) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * The lines that are neither accounts, nor blank, nor comments, with their numbers (from 1): what the
     * original stopped working on, and what the daemon logs and keeps.
     */
    List<String> notUnderstood() {
        List<String> odd = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof String line) {
                name(i + 1, line, odd::add);
            }
        }
        return odd;
    }

    // Blank lines and comments are kept silently.
    private static void name(int number, String line, Consumer<String> notUnderstood) {
        if (!line.isBlank() && !line.startsWith("#")) {
            notUnderstood.accept("line " + number + ": " + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
        }
    }

    /** The first account named {@code name}, the one ProFTPD uses. */
    Optional<FtpPasswdEntry> find(String name) {
        for (Object line : lines) {
            if (line instanceof FtpPasswdEntry entry && entry.name().equals(name)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** This file with {@code entry} in place of the first account of its name, or added at the end. */
    FtpPasswd with(FtpPasswdEntry entry) {
        List<Object> changed = new ArrayList<>(lines);
        for (int i = 0; i < changed.size(); i++) {
            if (changed.get(i) instanceof FtpPasswdEntry old && old.name().equals(entry.name())) {
                changed.set(i, entry);
                return new FtpPasswd(changed);
            }
        }
        changed.add(entry);
        return new FtpPasswd(changed);
    }

    /** This file without any account named {@code name}. */
    FtpPasswd without(String name) {
        List<Object> changed = new ArrayList<>(lines);
        changed.removeIf(line -> line instanceof FtpPasswdEntry entry && entry.name().equals(name));
        return new FtpPasswd(changed);
    }
}
