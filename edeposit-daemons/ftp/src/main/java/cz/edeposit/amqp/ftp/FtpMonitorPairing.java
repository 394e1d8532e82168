package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.marc.Isbn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which uploaded files go together, by the rules of the original (submodules.md §4.2) and the user's switches in
 * effect: {@code SAME_DIR_PAIRING} (a directory of exactly two files is one pair), {@code SAME_NAME_DIR_PAIRING}
 * (same name, another suffix, in one directory; three or more with one name are an error) and
 * {@code ISBN_PAIRING} (a lone metadata file named by a valid ISBN and a lone e-book of the same name, anywhere).
 * A "pair" of two metadata files or two e-books is two lone files.
 */
final class FtpMonitorPairing {

    /**
     * One item to send: a metadata file, an e-book, or both.
     *
     * @param metadata the metadata file's path relative to the home, or null
     * @param ebook    the e-book's path relative to the home, or null
     */
    record Planned(String metadata, String ebook) {
    }

    /**
     * The plan of an import.
     *
     * @param items    what to send, in a stable order
     * @param rejected files that take part in no item (three with one name), to keep or delete as bad
     * @param errors   lines for the user's error log
     */
    record Plan(List<Planned> items, List<String> rejected, List<String> errors) {
    }

    private FtpMonitorPairing() {
    }

    /** Pairs {@code files} (paths relative to the home, {@code /}-separated) under {@code switches}. */
    static Plan plan(List<String> files, FtpUserSwitches switches) {
        Map<String, List<String>> byDirectory = new TreeMap<>();
        files.stream().sorted().forEach(file -> byDirectory.computeIfAbsent(directory(file), d -> new ArrayList<>()).add(file));
        List<Planned> items = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        byDirectory.values().forEach(directory -> planDirectory(directory, switches, items, rejected, errors));
        if (switches.isbnPairing()) {
            pairByIsbn(items);
        }
        return new Plan(items, rejected, errors);
    }

    private static void planDirectory(List<String> files, FtpUserSwitches switches, List<Planned> items,
                                      List<String> rejected, List<String> errors) {
        if (files.size() == 2 && switches.sameDirPairing()) {
            pairOrApart(files.get(0), files.get(1), items);
            return;
        }
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String file : files) {
            byName.computeIfAbsent(switches.sameNameDirPairing() ? baseName(file) : file, n -> new ArrayList<>()).add(file);
        }
        for (List<String> same : byName.values()) {
            switch (same.size()) {
                case 1 -> items.add(lone(same.get(0)));
                case 2 -> pairOrApart(same.get(0), same.get(1), items);
                default -> {
                    rejected.addAll(same);
                    errors.add("Too many files with the same name: " + String.join(", ", same));
                }
            }
        }
    }

    private static void pairOrApart(String first, String second, List<Planned> items) {
        boolean firstIsMetadata = isMetadata(first);
        if (firstIsMetadata != isMetadata(second)) {
            items.add(firstIsMetadata ? new Planned(first, second) : new Planned(second, first));
        } else {
            items.add(lone(first));
            items.add(lone(second));
        }
    }

    /** Lone metadata named by a valid ISBN takes the only lone e-book of that name, wherever it is. */
    private static void pairByIsbn(List<Planned> items) {
        Map<String, List<Planned>> loneEbooks = new LinkedHashMap<>();
        items.stream().filter(item -> item.metadata() == null)
                .forEach(item -> loneEbooks.computeIfAbsent(baseName(item.ebook()), n -> new ArrayList<>()).add(item));
        List<Planned> paired = new ArrayList<>();
        for (ListIterator<Planned> it = items.listIterator(); it.hasNext(); ) {
            Planned item = it.next();
            if (item.ebook() != null || !Isbn.isValid(baseName(item.metadata()))) {
                continue;
            }
            List<Planned> ebooks = loneEbooks.getOrDefault(baseName(item.metadata()), List.of());
            if (ebooks.size() == 1 && !paired.contains(ebooks.get(0))) {
                paired.add(ebooks.get(0));
                it.set(new Planned(item.metadata(), ebooks.get(0).ebook()));
            }
        }
        items.removeIf(item -> item.metadata() == null && paired.contains(item));
    }

    private static Planned lone(String file) {
        return isMetadata(file) ? new Planned(file, null) : new Planned(null, file);
    }

    static boolean isMetadata(String file) {
        return FtpMonitorMetadataParser.format(file).isPresent();
    }

    private static String directory(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    /** The file name without its directory and its last suffix: {@code sub/80-7422-502-X.json} is the ISBN. */
    static String baseName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
