package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the store holds: the pending requests by {@code session_id} (in arrival order), the results
 * no reply has carried yet, the results handed to each request by its {@code UUID} (kept for
 * redeliveries), and the last {@code responses.xml} applied (so that a crash cannot apply it twice).
 * Mutable: a transaction works on a {@link #copy()} and keeps it only once it is on disk.
 */
final class PendingState {

    /** The results one request carried, and when. */
    record Handout(Instant at, List<LinkUpdateResponse> results) {
    }

    final LinkedHashMap<String, ExportRecord> pending;
    final List<LinkUpdateResponse> undelivered;
    final LinkedHashMap<String, Handout> handedOut;
    ResponseMark lastResponse;

    PendingState(Map<String, ExportRecord> pending, List<LinkUpdateResponse> undelivered,
                 Map<String, Handout> handedOut, ResponseMark lastResponse) {
        this.pending = new LinkedHashMap<>(pending);
        this.undelivered = new ArrayList<>(undelivered);
        this.handedOut = new LinkedHashMap<>(handedOut);
        this.lastResponse = lastResponse;
    }

    static PendingState empty() {
        return new PendingState(Map.of(), List.of(), Map.of(), null);
    }

    PendingState copy() {
        return new PendingState(pending, undelivered, handedOut, lastResponse);
    }

    /** Adds or replaces the request of its {@code session_id}; false when the same one is already pending. */
    boolean put(ExportRecord record) {
        return !record.equals(pending.put(record.sessionId(), record));
    }

    /** Takes in Aleph's results: each answered request stops being pending; true when one did. */
    boolean answer(List<LinkUpdateResponse> results) {
        boolean answered = false;
        for (LinkUpdateResponse result : results) {
            undelivered.add(result);
            answered |= result.sessionId() != null && pending.remove(result.sessionId()) != null;
        }
        return answered;
    }

    /**
     * The results for the request {@code uuid}: those it was given before, if it is a redelivery;
     * otherwise every undelivered result, from now on kept under {@code uuid}.
     */
    List<LinkUpdateResponse> handOut(String uuid, Instant now) {
        Handout before = handedOut.get(uuid);
        if (before != null) {
            return before.results();
        }
        if (undelivered.isEmpty()) {
            return List.of();
        }
        List<LinkUpdateResponse> results = List.copyOf(undelivered);
        undelivered.clear();
        handedOut.put(uuid, new Handout(now, results));
        return results;
    }

    /** Forgets the handouts made before {@code oldest}; true when there were any. */
    boolean forgetHandoutsBefore(Instant oldest) {
        return handedOut.values().removeIf(handout -> handout.at().isBefore(oldest));
    }
}
