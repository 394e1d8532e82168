package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkDescription;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The directories of one test's exchange with a pretend Aleph, laid out as on the server. */
record ExchangeDirs(Path home) {

    static final String LINK = "http://edeposit-aplikace.nkp.cz/link_export_notification.xsd";

    static ExchangeDirs in(Path home) throws IOException {
        Files.createDirectories(home.resolve("edep2aleph"));
        Files.createDirectories(home.resolve("aleph2edep"));
        return new ExchangeDirs(home);
    }

    Path requests() {
        return home.resolve("edep2aleph/requests.xml");
    }

    Path responses() {
        return home.resolve("aleph2edep/responses.xml");
    }

    Path database() {
        return home.resolve("request_database.json");
    }

    Path log() {
        return home.resolve("link_export.log");
    }

    AlephLinkExportSettings settings() {
        return new AlephLinkExportSettings(requests(), responses(), database(), log(), "request_database", LINK, true);
    }

    /** The aleph_export.json of these directories, for a daemon process. */
    String settingsJson() {
        return "{\"REQUEST_FN\": \"" + requests() + "\", \"RESPONSE_FN\": \"" + responses() + "\", \"DATABASE_FN\": \""
                + database() + "\", \"LOG_FN\": \"" + log() + "\"}";
    }

    /** Aleph's answer: {@code results} are session id, status and reason (or null) triples. */
    void answer(String... results) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<results"
                + " xmlns=\"http://edeposit-aplikace.nkp.cz/link_export_result\">\n");
        for (int i = 0; i < results.length; i += 3) {
            xml.append("  <result session_id=\"").append(results[i]).append("\"><status>").append(results[i + 1])
                    .append("</status>").append(results[i + 2] == null ? "" : "<reason>" + results[i + 2] + "</reason>")
                    .append("</result>\n");
        }
        Files.writeString(responses(), xml.append("</results>\n"), StandardCharsets.UTF_8);
    }

    static LinkUpdateRequest request(String sessionId) {
        return new LinkUpdateRequest("uuid-" + sessionId, "0000" + sessionId.length(),
                List.of(new LinkDescription("http://storage.example/" + sessionId + ".pdf", "pdf")), null, null, sessionId);
    }
}
