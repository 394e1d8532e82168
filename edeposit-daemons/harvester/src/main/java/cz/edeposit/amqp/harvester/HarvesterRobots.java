package cz.edeposit.amqp.harvester;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host's robots.txt for the harvester's User-Agent (RFC 9309): the group naming our product token, else {@code *};
 * the longest matching {@code Allow}/{@code Disallow} path wins, {@code Allow} on a tie; {@code *} and {@code $}
 * wildcards; and the group's {@code Crawl-delay}, which the fetcher honours when it is longer than
 * {@code HARVESTER_MIN_DELAY}. Written by hand: crawler-commons is not among the build's packages.
 */
final class HarvesterRobots {

    /** A longer Crawl-delay is capped: a run must end the same day. */
    static final Duration MAX_CRAWL_DELAY = Duration.ofSeconds(60);
    /** The rules read from robots.txt; RFC 9309 asks crawlers to read at least 500 KiB. */
    static final int MAX_BYTES = 512 << 10;

    /** Everything allowed (no robots.txt, or a 4xx), or everything disallowed (a 5xx). */
    static final Rules ALLOW_ALL = new Rules(List.of(), Optional.empty());
    static final Rules DISALLOW_ALL = new Rules(List.of(new Rule(Pattern.compile("/.*"), 1, false)), Optional.empty());

    private record Rule(Pattern path, int length, boolean allow) {
    }

    /** One host's rules for us. */
    record Rules(List<Rule> rules, Optional<Duration> crawlDelay) {

        boolean allows(String pathAndQuery) {
            Rule best = null;
            for (Rule rule : rules) {
                if (rule.path().matcher(pathAndQuery).lookingAt() && (best == null || rule.length() > best.length()
                        || rule.length() == best.length() && rule.allow())) {
                    best = rule;
                }
            }
            return best == null || best.allow();
        }
    }

    private HarvesterRobots() {
    }

    /** The rules of {@code text} for {@code userAgent} (its product token, before the first {@code /} or space). */
    static Rules parse(String text, String userAgent) {
        String token = userAgent.split("[/ ]", 2)[0].toLowerCase(Locale.ROOT);
        List<Rule> ours = null;
        List<Rule> star = null;
        Optional<Duration> ourDelay = Optional.empty();
        Optional<Duration> starDelay = Optional.empty();
        List<String> agents = new ArrayList<>();
        List<Rule> group = new ArrayList<>();
        Optional<Duration> delay = Optional.empty();
        boolean inRules = false;
        for (String raw : (text + "\nuser-agent: \u0000end").split("\r\n|\r|\n")) {
            String line = raw.replaceFirst("#.*", "").strip();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (inRules) {
                    // A group ends: keep it if it names us or *.
                    for (String agent : agents) {
                        if (!agent.isEmpty() && !agent.equals("*") && token.contains(agent) && ours == null) {
                            ours = group;
                            ourDelay = delay;
                        } else if (agent.equals("*") && star == null) {
                            star = group;
                            starDelay = delay;
                        }
                    }
                    agents = new ArrayList<>();
                    group = new ArrayList<>();
                    delay = Optional.empty();
                    inRules = false;
                }
                agents.add(value.toLowerCase(Locale.ROOT));
            } else if (key.equals("allow") || key.equals("disallow")) {
                inRules = true;
                if (!value.isEmpty()) {
                    group.add(new Rule(pattern(value), value.length(), key.equals("allow")));
                }
            } else if (key.equals("crawl-delay")) {
                inRules = true;
                try {
                    double seconds = Double.parseDouble(value);
                    if (seconds >= 0) {
                        Duration wanted = Duration.ofMillis((long) (seconds * 1000));
                        delay = Optional.of(wanted.compareTo(MAX_CRAWL_DELAY) > 0 ? MAX_CRAWL_DELAY : wanted);
                    }
                } catch (NumberFormatException ignored) {
                    // a malformed delay is no delay
                }
            }
        }
        return ours != null ? new Rules(ours, ourDelay) : star != null ? new Rules(star, starDelay) : ALLOW_ALL;
    }

    /** A robots.txt path: a prefix, with {@code *} for any characters and a final {@code $} for the end. */
    private static Pattern pattern(String path) {
        boolean anchored = path.endsWith("$");
        String body = anchored ? path.substring(0, path.length() - 1) : path;
        StringBuilder regex = new StringBuilder();
        for (String piece : body.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(piece));
        }
        return Pattern.compile(regex + (anchored ? "$" : ""));
    }
}
