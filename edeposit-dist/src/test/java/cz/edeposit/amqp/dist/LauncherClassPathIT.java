package cz.edeposit.amqp.dist;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each launcher's class path (its module's jar and the jars its manifest names) holds its own
 * module's jars only: lib/ has every jar once, but no launcher sees another daemon's (except the suite's,
 * which runs them).
 */
class LauncherClassPathIT {

    @Test
    void everyLauncherSeesItsOwnModuleCoreAndTheirDependenciesButNoOtherLaunchersModule() throws Exception {
        Map<String, String[]> launchers = Dist.launchers();
        Set<String> lib = names(Dist.home().resolve("lib"));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String[]> launcher : launchers.entrySet()) {
            Set<String> classPath = Dist.classPath(launcher.getKey());
            String own = Dist.moduleJar(launcher.getValue()[2]).getFileName().toString();
            if (!classPath.iterator().next().equals(own)) {
                wrong.add(launcher.getKey() + " starts from " + classPath.iterator().next() + ", not " + own);
            }
            // The suite runs the daemons: it sees their modules (ModuleBoundariesIT), never the tool's.
            boolean suite = launcher.getValue()[2].equals(ModuleBoundariesIT.SUITE);
            for (String[] other : launchers.values()) {
                String jar = Dist.moduleJar(other[2]).getFileName().toString();
                if (!jar.equals(own) && classPath.contains(jar) && !(suite && other[0].equals("daemon"))) {
                    wrong.add(launcher.getKey() + " sees " + jar);
                }
            }
            if (!lib.containsAll(classPath)) {
                wrong.add(launcher.getKey() + " names jars that lib/ lacks: " + without(classPath, lib));
            }
            if (classPath.stream().noneMatch(jar -> jar.startsWith("edeposit-core-"))) {
                wrong.add(launcher.getKey() + " lacks edeposit-core: " + classPath);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void onlyTheDaemonsThatUseAModelSeeIt() throws Exception {
        // edeposit-picocli comes with core: picocli itself, compiled by the build (docs/performance.md).
        assertEquals(Set.of("edeposit-core", "edeposit-picocli", "edeposit-daemon-downloader"),
                edeposit("edeposit-downloaderd"));
        assertEquals(Set.of("edeposit-core", "edeposit-picocli", "edeposit-daemon-aleph", "edeposit-marc"),
                edeposit("edeposit-alephd"));
    }

    @Test
    void everyJarOfLibIsOnTheClassPathOfSomeLauncher() throws Exception {
        Set<String> used = new TreeSet<>();
        for (String launcher : Dist.launchers().keySet()) {
            used.addAll(Dist.classPath(launcher));
        }
        Set<String> jars = names(Dist.home().resolve("lib")).stream().filter(name -> name.endsWith(".jar"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), without(jars, used), "jars no launcher uses");
    }

    /** The artifact ids of the edeposit jars on the class path of {@code launcher}. */
    private static Set<String> edeposit(String launcher) throws Exception {
        String suffix = "-" + System.getProperty("edeposit.version") + ".jar";
        return Dist.classPath(launcher).stream().filter(jar -> jar.startsWith("edeposit-"))
                .map(jar -> jar.substring(0, jar.length() - suffix.length())).collect(Collectors.toSet());
    }

    private static Set<String> without(Set<String> all, Set<String> some) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(some);
        return rest;
    }

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
