package cz.edeposit.amqp.pdfgen;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Reads back what a PDF shows: its text per page, its fonts and the QR codes on its rendered pages. */
final class Pdfs {

    private Pdfs() {
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    static List<String> pages(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= document.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(stripper.getText(document));
            }
            return pages;
        }
    }

    /** Each font used on any page as "BaseFont type embedded-as-subset". */
    static TreeSet<String> fonts(byte[] pdf) throws IOException {
        TreeSet<String> fonts = new TreeSet<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    boolean subset = font.getName().matches("[A-Z]{6}\\+.*");
                    fonts.add(font.getName().replaceFirst("^[A-Z]{6}\\+", "") + " "
                            + (font instanceof PDType0Font ? "Type0" : font.getClass().getSimpleName())
                            + (font.isEmbedded() && subset ? " embedded-subset" : " not-a-subset")
                            + (font.getCOSObject().containsKey(COSName.TO_UNICODE) ? " ToUnicode" : ""));
                }
            }
        }
        return fonts;
    }

    /** The text of every QR code found on the pages rendered at 150 dpi, page by page. */
    static List<String> qrCodes(byte[] pdf) throws IOException {
        List<String> found = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImage(i, 150f / 72f);
                try {
                    Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                            new BufferedImageLuminanceSource(image))), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
                    found.add(result.getText());
                } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
                    // no readable code on this page
                }
            }
        }
        return found;
    }

    /** The target of every link annotation, page by page, in order. */
    static List<String> links(byte[] pdf) throws IOException {
        List<String> links = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (var annotation : page.getAnnotations()) {
                    if (annotation instanceof org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink link
                            && link.getAction() instanceof org.apache.pdfbox.pdmodel.interactive.action.PDActionURI uri) {
                        links.add(uri.getURI());
                    }
                }
            }
        }
        return links;
    }

    static String info(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var info = document.getDocumentInformation();
            return info.getTitle() + " | " + info.getProducer() + " | " + (info.getCreationDate() != null);
        }
    }
}
