package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.pdfgen.PdfgenMessages.GenerateContract;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.RST2PDF;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's logo (PDFGEN_LOGO) is in the header of every page of the review and the contract. */
class LogoTest {

    @TempDir
    Path dir;

    /** The pixel size of each image on each page. */
    private static List<String> images(byte[] pdf) throws Exception {
        List<String> images = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
                        images.add(image.getWidth() + "x" + image.getHeight());
                    }
                }
            }
        }
        return images;
    }

    @Test
    void drawsTheLogoOnEveryPageOfTheReviewAndTheContractButNotOnRst2Pdf() throws Exception {
        BufferedImage logo = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 120, 40);
        g.dispose();
        Path png = dir.resolve("logo.png");
        ImageIO.write(logo, "png", png.toFile());
        PdfgenHandler handler = Handlers.handler(dir, Map.of("EDEPOSIT_PDFGEN_LOGO", png.toString()));

        byte[] review = Handlers.pdf(handler, Reviews.with("anotace", "Dlouhá anotace na více stran. ".repeat(300)));
        int pages = Pdfs.pages(review).size();
        assertTrue(pages >= 2, "pages: " + pages);
        assertEquals(java.util.Collections.nCopies(pages, "120x40"), images(review));
        assertEquals(List.of("120x40"), images(Handlers.pdf(handler,
                new GenerateContract("F", "s.r.o.", "Brno", "1", "CZ1", "Z"))));
        assertEquals(List.of(), images(Handlers.pdf(handler, new RST2PDF("Text\n", "", null, null))));
    }
}
