package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The duplicate filter's key of a book: its ISBN-13 (an ISBN-10 converted, with the new check digit), else its EAN,
 * else its normalised title and authors. The original keyed an ISBN-10 as {@code 978} plus the ten characters,
 * keeping the old check digit ({@code 97880...} for Czech books); {@link #legacyKey} gives that form, so that an old
 * cache still counts.
 */
final class HarvesterKeys {

    private HarvesterKeys() {
    }

    static String key(Publication book) {
        var optionals = book.optionals();
        if (optionals != null) {
            Optional<String> isbn = isbn13(optionals.isbn());
            if (isbn.isPresent()) {
                return isbn.get();
            }
            String ean = digits(optionals.ean());
            if (ean.length() >= 8) {
                return ean;
            }
        }
        return "title:" + normalise(book.title()) + "|" + normalise(names(book.authors()));
    }

    /** The original's key of a book whose ISBN is an ISBN-10, or empty. */
    static Optional<String> legacyKey(Publication book) {
        if (book.optionals() == null) {
            return Optional.empty();
        }
        String isbn = isbnCharacters(book.optionals().isbn());
        return isbn.length() == 10 ? Optional.of("978" + isbn) : Optional.empty();
    }

    /** The ISBN-13 of an ISBN-10 or ISBN-13 with a correct check digit; empty for anything else. */
    static Optional<String> isbn13(String text) {
        String isbn = isbnCharacters(text);
        if (isbn.length() == 10 && isbn10Valid(isbn)) {
            String body = "978" + isbn.substring(0, 9);
            return Optional.of(body + check13(body));
        }
        if (isbn.length() == 13 && isbn.chars().allMatch(Character::isDigit)
                && (isbn.startsWith("978") || isbn.startsWith("979"))
                && check13(isbn.substring(0, 12)) == isbn.charAt(12) - '0') {
            return Optional.of(isbn);
        }
        return Optional.empty();
    }

    private static boolean isbn10Valid(String isbn) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = isbn.charAt(i);
            int value = c == 'X' && i == 9 ? 10 : Character.isDigit(c) ? c - '0' : -1;
            if (value < 0) {
                return false;
            }
            sum += value * (10 - i);
        }
        return sum % 11 == 0;
    }

    private static int check13(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10;
    }

    /** Digits and a final X, without the hyphens, spaces and {@code ISBN} label publishers write. */
    private static String isbnCharacters(String text) {
        if (text == null) {
            return "";
        }
        String upper = text.toUpperCase(Locale.ROOT).replace("URN:ISBN:", "").replace("ISBN", "");
        return upper.chars().filter(c -> Character.isDigit(c) || c == 'X')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static String digits(String text) {
        return text == null ? "" : text.replaceAll("[^0-9]", "");
    }

    private static String names(List<Author> authors) {
        return authors.stream().map(Author::name).sorted().collect(Collectors.joining(","));
    }

    /** Lower case, no diacritics, punctuation as spaces, runs of spaces as one. */
    static String normalise(String text) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N},]+", " ").strip();
    }
}
