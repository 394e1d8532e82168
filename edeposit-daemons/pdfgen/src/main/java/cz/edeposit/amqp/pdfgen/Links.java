package cz.edeposit.amqp.pdfgen;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;

import java.io.IOException;
import java.util.Locale;

/** Link annotations; only http, https and mailto targets become links, so a request cannot plant a script or file link. */
final class Links {

    private Links() {
    }

    static boolean linkable(String target) {
        String lower = target.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:");
    }

    static void add(PDPage page, String target, float x, float y, float width, float height) throws IOException {
        if (!linkable(target)) {
            return;
        }
        PDActionURI action = new PDActionURI();
        action.setURI(target.strip());
        PDBorderStyleDictionary border = new PDBorderStyleDictionary();
        border.setWidth(0);
        PDAnnotationLink link = new PDAnnotationLink();
        link.setRectangle(new PDRectangle(x, y, width, height));
        link.setAction(action);
        link.setBorderStyle(border);
        page.getAnnotations().add(link);
    }
}
