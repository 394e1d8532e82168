package cz.edeposit.amqp.dist;

import cz.edeposit.amqp.daemon.DaemonSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each daemon's {@code DaemonSpec} names the launcher that {@code launchers.list} gives its main
 * class: the launcher runs the class, the class prints the name in its help and its messages.
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
            DaemonSpec spec = (DaemonSpec) main.getField("SPEC").get(null);
            assertEquals(launcher.getKey(), spec.command(), main.getName() + ".SPEC names another launcher than launchers.list");
            assertEquals(main, spec.mainClass(), launcher.getKey());
            daemons++;
        }
        assertTrue(daemons >= 4, "launchers.list lists the daemons");
    }
}
