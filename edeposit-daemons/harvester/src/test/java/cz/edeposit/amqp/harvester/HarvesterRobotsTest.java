package cz.edeposit.amqp.harvester;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** robots.txt as RFC 9309 reads it, for the harvester's product token. */
class HarvesterRobotsTest {

    private static final String UA = "edeposit-harvester/2.0 (legal deposit)";

    private static final String ROBOTS = """
            # a shop
            User-agent: *
            Disallow: /
            Crawl-delay: 9

            User-agent: Googlebot
            User-agent: edeposit-harvester
            Disallow: /kosik/
            Disallow: /*.pdf$
            Allow: /kosik/novinky
            Crawl-delay: 2.5
            """;

    @Test
    void takesTheGroupNamingUsOverTheStarGroup() {
        HarvesterRobots.Rules rules = HarvesterRobots.parse(ROBOTS, UA);
        assertTrue(rules.allows("/novinky/"));
        assertFalse(rules.allows("/kosik/platba"));
        assertTrue(rules.allows("/kosik/novinky?strana=2"), "the longer Allow wins");
        assertFalse(rules.allows("/katalog/kniha.pdf"));
        assertTrue(rules.allows("/katalog/kniha.pdf?x=1"), "$ anchors the end");
        assertEquals(Optional.of(Duration.ofMillis(2500)), rules.crawlDelay());
    }

    @Test
    void fallsBackToTheStarGroupAndCapsTheCrawlDelay() {
        HarvesterRobots.Rules rules = HarvesterRobots.parse("User-agent: *\nDisallow: /\nCrawl-delay: 86400\n", UA);
        assertFalse(rules.allows("/novinky/"));
        assertEquals(Optional.of(HarvesterRobots.MAX_CRAWL_DELAY), rules.crawlDelay());
    }

    @Test
    void allowsEverythingWithoutAGroupForUsOrWithAnEmptyDisallow() {
        assertTrue(HarvesterRobots.parse("User-agent: otherbot\nDisallow: /\n", UA).allows("/x"));
        assertTrue(HarvesterRobots.parse("User-agent: *\nDisallow:\n", UA).allows("/x"));
        assertFalse(HarvesterRobots.DISALLOW_ALL.allows("/"));
    }
}
