package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.EPublication;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an e-publication to the catalogue's import form ({@code ALEPH_EXPORT_URL}): the
 * {@link ExportForm} fields as a URL-encoded UTF-8 POST with the configured {@code Referer}.
 *
 * <p>The form accepts anything it does not reject; it rejects with a response header
 * {@code aleph-info: error...}, which becomes an {@link ExportRejectedException}.
 */
final class AlephExport {

    private static final Logger LOG = LoggerFactory.getLogger(AlephExport.class);
    private static final String INFO_HEADER = "aleph-info";

    private final AlephHttp http;
    private final URI exportUrl;
    private final String referer;
    private final String signature;

    AlephExport(AlephHttp http, AlephSettings settings) {
        this.http = http;
        this.exportUrl = settings.exportUrl();
        this.referer = settings.exportReferer();
        this.signature = settings.exportSignature();
    }

    /**
     * Validates and posts {@code epublication}.
     *
     * @throws InvalidISBNException     an ISBN has a bad checksum
     * @throws ExportRejectedException  the form rejected the record
     * @throws ExportException          the form could not be reached or answered an HTTP error
     */
    void export(EPublication epublication) throws InterruptedException {
        List<Map.Entry<String, String>> form = ExportForm.build(epublication, signature);
        AlephHttp.Response response;
        try {
            response = http.postForm(exportUrl, form, Map.of("Referer", referer));
        } catch (IOException e) {
            throw new ExportException("The export form at " + exportUrl + " failed: " + e, e);
        }
        String info = response.headers().firstValue(INFO_HEADER).orElse(null);
        if (info != null && info.strip().toLowerCase(Locale.ROOT).startsWith("error")) {
            throw new ExportRejectedException("Export request was rejected by import webform: " + info);
        }
        if (response.status() / 100 != 2) {
            throw new ExportException("The export form at " + exportUrl + " answered HTTP " + response.status() + ".");
        }
        LOG.info("exported ISBN {} to {}{}", isbn(form), exportUrl, info == null ? "" : " (" + info + ")");
    }

    private static String isbn(List<Map.Entry<String, String>> form) {
        for (Map.Entry<String, String> field : form) {
            if (field.getKey().equals("P0501010__a")) {
                return field.getValue();
            }
        }
        return "";
    }
}
