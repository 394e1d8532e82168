package cz.edeposit.amqp.net;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a redirect may lead: http and https with a host, never down from https, relative ones resolved. */
class RedirectsTest {

    private static final URI HTTPS = URI.create("https://example.org/a/b?c");

    @Test
    void followsOnlyTheFiveRedirectStatuses() {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            assertTrue(Redirects.isRedirect(status), Integer.toString(status));
        }
        for (int status : new int[] {300, 304, 305, 306, 200, 404}) {
            assertFalse(Redirects.isRedirect(status), Integer.toString(status));
        }
    }

    @Test
    void resolvesRelativeLocationsAndQuotesWhatAUriMayNotHold() throws Exception {
        assertEquals(URI.create("https://example.org/a/d"), Redirects.next(HTTPS, " d "));
        assertEquals(URI.create("https://other.example/x%20y/%C4%8D"), Redirects.next(HTTPS, "//other.example/x y/č"));
        assertEquals(URI.create("http://example.org:8080/"),
                Redirects.next(URI.create("http://example.org/"), "http://example.org:8080/"));
    }

    @Test
    void refusesOtherSchemesUrlsWithoutAHostAndHttpsDownToHttp() {
        for (String location : new String[] {"file:///etc/passwd", "jar:file:/x.jar!/a", "ftp://example.org/", "http:/x",
                "mailto:a@example.org"}) {
            assertEquals("not an http or https URL",
                    assertThrows(Redirects.Refused.class, () -> Redirects.next(HTTPS, location), location).getMessage());
        }
        assertEquals("from https to http",
                assertThrows(Redirects.Refused.class, () -> Redirects.next(HTTPS, "http://example.org/")).getMessage());
    }
}
