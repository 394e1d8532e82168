package cz.edeposit.amqp.calibre;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Documents the calibre tests make, and readers of what calibre makes of them. */
final class Samples {

    /** The Czech pangram: every letter with a háček or čárka that the conversions must keep. */
    static final String SENTENCE = "Příliš žluťoučký kůň úpěl ďábelské ódy.";

    private Samples() {
    }

    static byte[] text() {
        return ("Zkušební kniha\n\n" + SENTENCE + "\n\nDruhý odstavec: " + SENTENCE + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] html() {
        return ("<!DOCTYPE html>\n<html lang=\"cs\"><head><meta charset=\"utf-8\"><title>Zkouška</title></head>\n"
                + "<body><h1>Zkouška</h1><p>" + SENTENCE + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An HTML book whose PDF takes calibre a minute or more: long enough to hit a short time-out. */
    static byte[] longHtml() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"cs\"><head><meta charset=\"utf-8\">"
                + "<title>Dlouhá kniha</title></head><body>\n");
        for (int chapter = 1; chapter <= 1500; chapter++) {
            html.append("<h2>Kapitola ").append(chapter).append("</h2><p>").append((SENTENCE + " ").repeat(40)).append("</p>\n");
        }
        return html.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The entries of a zip in order, as text. */
    static Map<String, String> zipEntries(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    /** The text PDFBox extracts, with runs of white space made single spaces. */
    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
