package cz.edeposit.amqp.broker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reconnect rules the daemons' supervisor and the client's links share, on a test clock. */
class RetryRulesTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    private RetryRules rules(RecoveryPolicy policy) {
        return new RetryRules(policy, clock::get);
    }

    @Test
    void waitsForTheBrokerUntilTheBrokerWaitDeadlineAndNeverPastIt() {
        RetryRules rules = rules(RecoveryPolicy.defaults().withBrokerWait(Duration.ofSeconds(5)));
        long deadline = rules.brokerWaitDeadline();
        assertEquals(Duration.ofSeconds(1), rules.nextDelay(deadline));
        assertEquals(Duration.ofSeconds(2), rules.nextDelay(deadline));
        clock.addAndGet(4 * SECOND);
        assertEquals(Duration.ofSeconds(1), rules.nextDelay(deadline), "clipped to the second left");
        assertFalse(rules.givesUp(true, deadline));
        clock.addAndGet(SECOND);
        assertTrue(rules.givesUp(true, deadline));
    }

    @Test
    void aRefusalEndsTheFirstWaitAtOnceButNothingEndsTheLoopOnceConnected() {
        RetryRules rules = rules(RecoveryPolicy.defaults());
        assertEquals(RetryRules.FOREVER, rules.brokerWaitDeadline());
        assertTrue(rules.givesUp(false, RetryRules.FOREVER), "wrong credentials or vhost are not waited for");
        assertFalse(rules.givesUp(true, RetryRules.FOREVER));
        rules.up();
        assertFalse(rules.givesUp(false, clock.get() - SECOND), "once connected, retried until closed");
        assertTrue(rules.everUp());
    }

    @Test
    void theBackOffStartsAgainOnlyAfterBeingUpLongerThanTheMaximum() {
        RetryRules rules = rules(RecoveryPolicy.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8)));
        for (int i = 0; i < 3; i++) {
            rules.nextDelay(RetryRules.FOREVER);
        }
        rules.up();
        clock.addAndGet(8 * SECOND);
        rules.lost();
        assertEquals(Duration.ofSeconds(8), rules.nextDelay(RetryRules.FOREVER), "the same incident");
        rules.up();
        clock.addAndGet(9 * SECOND);
        rules.lost();
        assertEquals(Duration.ofSeconds(1), rules.nextDelay(RetryRules.FOREVER), "a new incident");
    }
}
