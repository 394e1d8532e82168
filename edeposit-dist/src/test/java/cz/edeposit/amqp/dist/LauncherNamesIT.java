package cz.edeposit.amqp.dist;

import cz.edeposit.amqp.daemon.DaemonSpec;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A daemon names its launcher twice: in {@code launchers.list}, from which the build writes
 * bin/NAME and its unit, and in its {@link DaemonSpec}, which its help, messages and background
 * start use. The two must agree.
 */
class LauncherNamesIT {

    @Test
    void everyDaemonsSpecNamesTheLauncherAndMainClassOfItsLineInLaunchersList() throws Exception {
        List<String> wrong = new ArrayList<>();
        int daemons = 0;
        for (Map.Entry<String, String[]> launcher : Dist.launchers().entrySet()) {
            if (!"daemon".equals(launcher.getValue()[0])) {
                continue;
            }
            daemons++;
            Class<?> main = Class.forName(launcher.getValue()[1]);
            DaemonSpec spec = spec(main);
            if (!launcher.getKey().equals(spec.command())) {
                wrong.add(main.getName() + " calls its launcher " + spec.command() + ", launchers.list " + launcher.getKey());
            }
            if (!main.equals(spec.mainClass())) {
                wrong.add(launcher.getKey() + " runs " + main.getName() + ", whose spec names " + spec.mainClass().getName());
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(daemons > 0, "launchers.list names no daemon");
    }

    /** The one public static {@link DaemonSpec} of a daemon's main class. */
    private static DaemonSpec spec(Class<?> main) throws Exception {
        List<DaemonSpec> specs = new ArrayList<>();
        for (Field field : main.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType().equals(DaemonSpec.class)) {
                specs.add((DaemonSpec) field.get(null));
            }
        }
        assertEquals(1, specs.size(), main.getName() + " has one public static DaemonSpec");
        return specs.get(0);
    }
}
