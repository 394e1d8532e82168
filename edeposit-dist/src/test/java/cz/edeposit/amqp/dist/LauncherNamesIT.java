package cz.edeposit.amqp.dist;

import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.SuiteSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each daemon's {@code DaemonSpec} names the launcher that {@code launchers.list} gives its main
 * class: the launcher runs the class, the class prints the name in its help and its messages. The
 * suite's {@code SuiteSpec} names its launcher too, and lists every other daemon of the list.
 */
class LauncherNamesIT {

    @Test
    void everyListedDaemonsSpecHasTheLaunchersNameAndMainClass() throws Exception {
        int daemons = 0;
        for (Map.Entry<String, String[]> launcher : Dist.launchers().entrySet()) {
            if (!launcher.getValue()[0].equals("daemon")) {
                continue;
            }
            Class<?> main = Class.forName(launcher.getValue()[1]);
            if (main.getField("SPEC").get(null) instanceof SuiteSpec suite) {
                assertEquals(launcher.getKey(), suite.command(), main.getName() + ".SPEC names another launcher");
                assertEquals(main, suite.mainClass(), launcher.getKey());
                continue;
            }
            DaemonSpec spec = (DaemonSpec) main.getField("SPEC").get(null);
            assertEquals(launcher.getKey(), spec.command(), main.getName() + ".SPEC names another launcher than launchers.list");
            assertEquals(main, spec.mainClass(), launcher.getKey());
            daemons++;
        }
        assertTrue(daemons >= 4, "launchers.list lists the daemons");
    }

    @Test
    void theSuiteRunsEveryOtherListedDaemonWithTheSpecOfItsLauncher() throws Exception {
        Map<String, String> listed = new TreeMap<>();
        SuiteSpec suite = null;
        for (Map.Entry<String, String[]> launcher : Dist.launchers().entrySet()) {
            if (launcher.getValue()[0].equals("daemon")) {
                Object spec = Class.forName(launcher.getValue()[1]).getField("SPEC").get(null);
                if (spec instanceof SuiteSpec found) {
                    suite = found;
                } else {
                    listed.put(launcher.getKey(), launcher.getValue()[1]);
                }
            }
        }
        assertTrue(suite != null, "launchers.list has the suite's launcher");
        Map<String, String> inSuite = new TreeMap<>();
        Set<String> names = new TreeSet<>();
        for (DaemonSpec daemon : suite.daemons()) {
            inSuite.put(daemon.command(), daemon.mainClass().getName());
            names.add(daemon.name());
        }
        assertEquals(listed, inSuite, "the suite's registry (SuiteDaemon) and launchers.list's daemons");
        assertEquals(suite.daemons().size(), names.size(), "names are distinct");
    }
}
