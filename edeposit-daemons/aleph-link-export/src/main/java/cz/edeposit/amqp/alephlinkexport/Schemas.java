package cz.edeposit.amqp.alephlinkexport;

/**
 * The namespaces of the two schemas of the exchange with Aleph (docs/aleph_link_export.md, "Files"),
 * {@code link_export_notification.xsd} and {@code link_export_result.xsd}, shipped in this jar for
 * Aleph's side. The daemon checks its documents without the JDK's schema validator
 * ({@link RequestsXml}, {@link ResponsesXml}); the tests hold those checks to the schemas.
 */
final class Schemas {

    static final String NOTIFICATION_NS = "http://edeposit-aplikace.nkp.cz/link_export_notification";
    static final String RESULT_NS = "http://edeposit-aplikace.nkp.cz/link_export_result";

    private Schemas() {
    }
}
