package cz.edeposit.amqp.dist;

import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.SuiteSpec;
import cz.edeposit.amqp.daemon.WorkKind;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every daemon of {@code launchers.list} declares its kind of work, the one docs/performance.md
 * gives it, and so gets that kind's default prefetch at its request size limit. No broker is needed;
 * it is an IT because this module's tests run after the build (no timing is measured).
 */
class DaemonWorkKindsIT {

    /** Launcher: kind of work and default prefetch, as docs/performance.md lists them. A new daemon adds its line. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("edeposit-downloaderd", "SHORT 64"),
            Map.entry("edeposit-alephd", "SHORT 64"),
            Map.entry("edeposit-aleph-link-exportd", "SHORT 64"),
            Map.entry("edeposit-ftp-managerd", "SHORT 64"),
            Map.entry("edeposit-marcxml2modsd", "SHORT 8"),
            Map.entry("edeposit-pdfgend", "SHORT 8"),
            Map.entry("edeposit-storaged", "SHORT 2"),
            Map.entry("edeposit-antivirusd", "LONG 2"),
            Map.entry("edeposit-calibred", "LONG 2"),
            Map.entry("edeposit-ltpd", "LONG 2"),
            Map.entry("edeposit-ftp-monitord", "producer 1"));

    @Test
    void everyDaemonDeclaresItsKindOfWorkAndGetsItsDefaultPrefetch() throws Exception {
        Map<String, String> actual = new TreeMap<>();
        for (Map.Entry<String, String[]> launcher : Dist.launchers().entrySet()) {
            if (!launcher.getValue()[0].equals("daemon")) {
                continue;
            }
            Object declared = Class.forName(launcher.getValue()[1]).getField("SPEC").get(null);
            if (declared instanceof SuiteSpec) {
                continue; // its daemons are listed here one by one, each with its own default (LauncherNamesIT)
            }
            DaemonSpec spec = (DaemonSpec) declared;
            WorkKind work = spec.work();
            actual.put(launcher.getKey(), (spec.producer() != null ? "producer" : work.name()) + " " + spec.defaultPrefetch());
        }
        assertEquals(new TreeMap<>(EXPECTED), actual);
    }
}
