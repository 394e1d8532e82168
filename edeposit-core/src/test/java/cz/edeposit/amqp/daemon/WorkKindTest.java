package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.testing.EchoDaemon;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The default prefetch follows from the daemon's kind of work and its request size limit. */
class WorkKindTest {

    @Test
    void shortWorkWithSmallRequestsKeepsSixtyFourInHand() {
        assertEquals(64, WorkKind.SHORT.defaultPrefetch(64 << 10)); // downloader, ftp manager
        assertEquals(64, WorkKind.SHORT.defaultPrefetch(1 << 20)); // aleph: exactly the budget
        assertEquals(32, WorkKind.SHORT.defaultPrefetch(2 << 20));
    }

    @Test
    void shortWorkWithLargeRequestsHoldsNoMoreThanTheBudgetButAtLeastTwo() {
        assertEquals(8, WorkKind.SHORT.defaultPrefetch(8 << 20)); // pdfgen, marcxml2mods
        assertEquals(2, WorkKind.SHORT.defaultPrefetch(RpcOptions.BROKER_MAX_MESSAGE_BYTES)); // storage
    }

    @Test
    void longWorkHasOneRequestInTheHandlerAndTheNextDelivered() {
        assertEquals(2, WorkKind.LONG.defaultPrefetch(64 << 10));
        assertEquals(2, WorkKind.LONG.defaultPrefetch(RpcOptions.BROKER_MAX_MESSAGE_BYTES));
    }

    @Test
    void theSpecsDefaultPrefetchIsItsKindsAtItsRequestLimit() {
        DaemonSpec small = EchoDaemon.SPEC.withMaxRequestBytes(64 << 10);
        assertEquals(64, small.defaultPrefetch());
        assertEquals(8, small.withMaxRequestBytes(8 << 20).defaultPrefetch());
        DaemonSpec longWork = new DaemonSpec("long-test", "edeposit-long-testd", "Long jobs.", "downloader",
                () -> EchoDaemon.REQUESTS, environment -> EchoDaemon.HANDLER, EchoDaemon.class, WorkKind.LONG);
        assertEquals(2, longWork.defaultPrefetch());
    }

    @Test
    void aConsumingDaemonMustDeclareItsKindOfWork() {
        NullPointerException missing = assertThrows(NullPointerException.class, () -> new DaemonSpec("no-kind",
                "edeposit-no-kindd", "No kind.", "downloader", () -> EchoDaemon.REQUESTS, environment -> EchoDaemon.HANDLER,
                EchoDaemon.class, null));
        assertEquals("work: a consuming daemon declares its kind of work", missing.getMessage());
    }
}
