package cz.edeposit.amqp.pdfgen;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import cz.edeposit.amqp.wire.ValueError;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * QR codes drawn as vector squares: error correction M, a quiet zone of four modules, and at least
 * 25 mm wide without the quiet zone (more for long texts, so that a module stays 0.5 mm or larger).
 */
final class QrCodes {

    static final int QUIET_MODULES = 4;
    static final float MIN_SIDE = 25 * PageSetup.MM;
    static final float MIN_MODULE = 0.5f * PageSetup.MM;

    private QrCodes() {
    }

    /** A row holding the QR code of {@code text} at the left margin, with its quiet zone. */
    static Row row(String text, float spaceBefore) {
        ByteMatrix matrix = matrix(text);
        int modules = matrix.getWidth();
        float module = Math.max(MIN_MODULE, MIN_SIDE / modules);
        float side = (modules + 2 * QUIET_MODULES) * module;
        return Rows.drawing((content, left, bottom, width) -> {
            content.setNonStrokingColor(0f, 0f, 0f);
            float x0 = left + QUIET_MODULES * module;
            float top = bottom + side - QUIET_MODULES * module;
            for (int y = 0; y < modules; y++) {
                int x = 0;
                while (x < modules) {
                    if (matrix.get(x, y) != 1) {
                        x++;
                        continue;
                    }
                    int start = x;
                    while (x < modules && matrix.get(x, y) == 1) {
                        x++;
                    }
                    content.addRect(x0 + start * module, top - (y + 1) * module, (x - start) * module, module);
                }
            }
            content.fill();
        }, side, spaceBefore);
    }

    static ByteMatrix matrix(String text) {
        try {
            QRCode code = Encoder.encode(text, ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
            return code.getMatrix();
        } catch (WriterException e) {
            throw new ValueError("internal_url is too long for a QR code (" + text.length() + " characters)");
        }
    }
}
