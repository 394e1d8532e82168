package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkDescription;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateRequest;
import cz.edeposit.amqp.marc.SafeXml;
import cz.edeposit.amqp.wire.ValueError;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a {@code LinkUpdateRequest} into an {@link ExportRecord}, or refuses it with a ValueError naming the field. */
final class RequestCheck {

    private RequestCheck() {
    }

    static ExportRecord check(LinkUpdateRequest request) {
        String sessionId = required("session_id", request.sessionId());
        String uuid = required("uuid", request.uuid());
        String docNumber = required("doc_number", request.docNumber());
        List<Object> given = request.urls();
        if (given.isEmpty()) {
            throw new ValueError("document_urls must hold at least one document URL");
        }
        List<ExportRecord.Link> urls = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            String field = "document_urls[" + i + "]";
            if (given.get(i) instanceof LinkDescription link) {
                urls.add(new ExportRecord.Link(httpUrl(field + ".url", link.url()), optional(field + ".format", link.format())));
            } else {
                urls.add(new ExportRecord.Link(httpUrl(field, (String) given.get(i)), null));
            }
        }
        String kramerius = optional("kramerius_url", request.krameriusUrl());
        return new ExportRecord(sessionId, uuid, docNumber, urls, optional("urn_nbn", request.urnNbn()),
                kramerius == null ? null : httpUrl("kramerius_url", kramerius));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValueError(field + " must not be empty");
        }
        return xmlText(field, value);
    }

    /** The original left out an empty optional value ({@code if not self.urn_nbn}); so do we. */
    private static String optional(String field, String value) {
        return value == null || value.isBlank() ? null : xmlText(field, value);
    }

    private static String httpUrl(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValueError(field + " must be an absolute http or https URL, not empty");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return xmlText(field, value);
            }
        } catch (URISyntaxException e) {
            // answered below, like any other URL that is not absolute http(s)
        }
        throw new ValueError(field + " must be an absolute http or https URL, not '" + shorten(value) + "'");
    }

    /** A character XML 1.0 cannot carry would make requests.xml unreadable for Aleph. */
    private static String xmlText(String field, String value) {
        int at = SafeXml.firstNonXmlCharacter(value);
        if (at >= 0) {
            throw new ValueError(field + " holds the character U+" + String.format("%04X", value.codePointAt(at))
                    + ", which XML cannot carry");
        }
        return value;
    }

    private static String shorten(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "...";
    }
}
