package cz.edeposit.amqp.downloader;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which URLs a message may make the downloader fetch. */
class UrlPolicyTest {

    @Test
    void acceptsHttpAndHttpsInAnyCase() {
        assertEquals(URI.create("http://example.org/a?b=c#d"), UrlPolicy.check("http://example.org/a?b=c#d"));
        assertEquals(URI.create("HTTPS://example.org/"), UrlPolicy.check("  HTTPS://example.org/ "));
    }

    @Test
    void percentEncodesSpacesAndNonAsciiAsRequestsDid() {
        assertEquals("http://example.org/a%20b/%C5%BElu%C5%A5ou%C4%8Dk%C3%BD.pdf?q=%F0%9F%93%96",
                UrlPolicy.check("http://example.org/a b/žluťoučký.pdf?q=📖").toString());
        assertEquals("http://example.org/already%20quoted", UrlPolicy.check("http://example.org/already%20quoted").toString());
    }

    @Test
    void refusesEverySchemeButHttpAndHttps() {
        for (String url : new String[] {"file:///etc/passwd", "ftp://h/a", "jar:file:/a.jar!/b", "gopher://h/", "data:,x"}) {
            InvalidSchema error = assertThrows(InvalidSchema.class, () -> UrlPolicy.check(url), url);
            assertTrue(error.getMessage().startsWith("No connection adapters were found for '" + url + "'"), error.getMessage());
        }
    }

    @Test
    void namesWhatIsMissingOrBroken() {
        assertEquals("Invalid URL 'example.org/a': no scheme supplied; perhaps you meant http://example.org/a?",
                assertThrows(MissingSchema.class, () -> UrlPolicy.check("example.org/a")).getMessage());
        assertThrows(MissingSchema.class, () -> UrlPolicy.check(null));
        assertThrows(MissingSchema.class, () -> UrlPolicy.check(" "));
        assertEquals("Invalid URL 'http:///a': no host supplied",
                assertThrows(InvalidURL.class, () -> UrlPolicy.check("http:///a")).getMessage());
        assertTrue(assertThrows(InvalidURL.class, () -> UrlPolicy.check("http://h/%zz")).getMessage()
                .startsWith("Invalid URL 'http://h/%zz': Malformed escape pair"));
    }

    @Test
    void cutsLongUrlsInMessages() {
        String url = "ftp://h/" + "a".repeat(1000);
        String message = assertThrows(InvalidSchema.class, () -> UrlPolicy.check(url)).getMessage();
        assertTrue(message.length() < 500, message);
    }
}
