package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;
import cz.edeposit.amqp.files.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file exchange with Aleph, owned by one process: the store, {@code requests.xml} and
 * {@code responses.xml}. Each request is one transaction, and workers take turns: take in Aleph's
 * answers, apply the request, hand out the undelivered results, write {@code requests.xml} (checked
 * against the schema) and then the store, and only then remove the answers' file.
 */
final class LinkExchange implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LinkExchange.class);

    /** How long the results a request carried are kept for its redelivery. */
    static final Duration KEEP_HANDOUTS = Duration.ofDays(7);

    private final AlephLinkExportSettings settings;
    private final StoreFile store;
    private final ResponseIntake intake;
    private final ExportLog exportLog;
    private final Clock clock;
    private PendingState state;
    /** The rendered {@code <record>} of each pending request, kept while it is pending. */
    private Map<ExportRecord, byte[]> fragments = new HashMap<>();

    private LinkExchange(AlephLinkExportSettings settings, StoreFile store, PendingState state, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.state = state;
        this.clock = clock;
        this.exportLog = new ExportLog(settings.loggingEnabled() ? settings.logFile() : null, clock);
        this.intake = new ResponseIntake(settings.responseFile(), clock, exportLog);
    }

    /**
     * Locks and loads the store (or rebuilds it from an old {@code requests.xml}), takes in an
     * answers' file a crash left aside, and writes {@code requests.xml} and the store afresh.
     */
    static LinkExchange open(AlephLinkExportSettings settings, Clock clock) throws IOException {
        StoreFile store = StoreFile.open(settings.databaseFile(), settings.databaseKey());
        try {
            Optional<PendingState> stored = store.read();
            PendingState state = stored.orElseGet(PendingState::empty);
            LinkExchange exchange = new LinkExchange(settings, store, state, clock);
            if (stored.isEmpty() && Files.exists(settings.requestFile())) {
                state.pending.putAll(LegacyRequests.read(settings.requestFile()));
                log.warn("No store {} yet: rebuilt {} pending request(s) from {}", settings.databaseFile(),
                        state.pending.size(), settings.requestFile());
                exchange.exportLog.line("Rebuilt " + state.pending.size() + " pending request(s) from "
                        + settings.requestFile() + " (no " + settings.databaseFile() + " yet)");
            }
            AtomicFiles.removeLeftovers(settings.requestFile());
            AtomicFiles.removeLeftovers(settings.databaseFile());
            exchange.transact(null, null, true, stored.isEmpty());
            return exchange;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Applies {@code record} and returns the results due to the request {@code uuid}. */
    synchronized List<LinkUpdateResponse> update(ExportRecord record, String uuid) throws IOException {
        exportLog.line("Received request session_id(" + record.sessionId() + ") UUID " + uuid + ": uuid "
                + record.uuid() + ", doc_number " + record.docNumber() + ", " + record.urls().size() + " URL(s)");
        return transact(record, uuid, false, false);
    }

    /** Returns the results due to the request {@code uuid}. */
    synchronized List<LinkUpdateResponse> status(String uuid) throws IOException {
        return transact(null, uuid, false, false);
    }

    /** How many requests wait for Aleph's answer. */
    synchronized int pendingCount() {
        return state.pending.size();
    }

    /**
     * One request's work on the files, or the start's ({@code starting}: only an answers' file left
     * aside is taken in, and requests.xml is written whatever happens; the store when {@code newStore}).
     */
    private List<LinkUpdateResponse> transact(ExportRecord record, String uuid, boolean starting, boolean newStore)
            throws IOException {
        Instant now = clock.instant();
        PendingState next = state.copy();
        boolean changed = newStore;
        boolean pendingChanged = starting;
        Optional<ResponseIntake.Taken> taken = intake.take(state.lastResponse, starting);
        if (taken.isPresent() && !taken.get().alreadyApplied()) {
            pendingChanged |= next.answer(taken.get().results());
            next.lastResponse = taken.get().mark();
            changed = true;
        }
        if (record != null && next.put(record)) {
            pendingChanged = changed = true;
        }
        List<LinkUpdateResponse> results = List.of();
        if (uuid != null) {
            int before = next.handedOut.size();
            results = next.handOut(uuid, now);
            changed |= next.handedOut.size() != before;
        }
        changed |= next.forgetHandoutsBefore(now.minus(KEEP_HANDOUTS));
        Map<ExportRecord, byte[]> rendered = fragments;
        if (pendingChanged) {
            rendered = new HashMap<>(next.pending.size() * 2);
            for (ExportRecord pending : next.pending.values()) {
                byte[] fragment = fragments.get(pending);
                rendered.put(pending, fragment != null ? fragment : RequestsXml.fragment(pending));
            }
            // Each new record is checked against the schema (RequestsXml.fragment) before anything is written: a
            // failure leaves every file as it was.
            List<byte[]> inOrder = new ArrayList<>(next.pending.size());
            for (ExportRecord pending : next.pending.values()) {
                inOrder.add(rendered.get(pending));
            }
            byte[] xml = RequestsXml.document(inOrder, settings.schemaLink());
            AtomicFiles.replace(settings.requestFile(), xml);
            exportLog.line("Wrote " + settings.requestFile() + " with " + next.pending.size() + " pending request(s)");
        }
        if (changed) {
            store.write(next);
        }
        state = next;
        fragments = rendered;
        if (taken.isPresent()) {
            intake.done(taken.get());
            logTaken(taken.get());
        }
        if (!results.isEmpty() && exportLog.enabled()) {
            StringBuilder line = new StringBuilder("Sent back responses for session_id(");
            for (int i = 0; i < results.size(); i++) {
                line.append(i == 0 ? "" : ", ").append(results.get(i).sessionId());
            }
            exportLog.line(line.append(") to UUID ").append(uuid).toString());
        }
        return results;
    }

    private void logTaken(ResponseIntake.Taken taken) {
        if (taken.alreadyApplied()) {
            log.info("{} had been applied before the daemon stopped; removed it", taken.aside());
            return;
        }
        for (LinkUpdateResponse result : taken.results()) {
            exportLog.line("Received response session_id(" + result.sessionId() + "): " + result.status()
                    + (result.reason() == null ? "" : " (" + result.reason() + ")"));
        }
        log.info("Took in {} result(s) from {}", taken.results().size(), settings.responseFile());
        exportLog.line("Took in " + settings.responseFile() + " with " + taken.results().size() + " result(s)");
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
