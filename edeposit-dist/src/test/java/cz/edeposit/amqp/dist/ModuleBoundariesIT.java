package cz.edeposit.amqp.dist;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the code of each edeposit jar in lib/ refers to, read from its class files by the JDK's jdeps:
 * no jar refers to a package of a launcher's module other than its own, so a daemon uses core and
 * the shared models (marc) but never another daemon or the tool, and core and the models use none.
 * The one exception is the suite ({@value #SUITE}), which runs the daemons and so refers to each
 * daemon's module; nothing refers to the suite, and it does not refer to the tool.
 */
class ModuleBoundariesIT {

    /** One package-level dependency in jdeps' {@code -verbose:package} output: from, then to. */
    /** The module of {@code edeposit-suited}, the only one allowed to use the daemons' modules. */
    static final String SUITE = "edeposit-suite";

    private static final Pattern DEPENDENCY = Pattern.compile("(?m)^\\s+(\\S+)\\s+->\\s+(\\S+)\\s");

    @Test
    void noJarRefersToThePackagesOfAnotherLaunchersModule() throws Exception {
        Map<Path, Set<String>> launcherPackages = new HashMap<>();
        Set<String> daemonPackages = new TreeSet<>();
        for (String[] launcher : Dist.launchers().values()) {
            Path jar = Dist.moduleJar(launcher[2]);
            launcherPackages.put(jar, packages(jar));
            if (launcher[0].equals("daemon") && !launcher[2].equals(SUITE)) {
                daemonPackages.addAll(packages(jar));
            }
        }
        Path suite = Dist.moduleJar(SUITE);
        assertTrue(launcherPackages.containsKey(suite), "launchers.list has the suite's launcher");
        List<Path> jars;
        try (Stream<Path> files = Files.list(Dist.home().resolve("lib"))) {
            jars = files.filter(file -> file.getFileName().toString().matches("edeposit-.*\\.jar")).sorted().toList();
        }
        assertTrue(jars.containsAll(launcherPackages.keySet()), jars.toString());

        List<String> crossings = new ArrayList<>();
        for (Path jar : jars) {
            Set<String> foreign = new TreeSet<>();
            launcherPackages.forEach((other, packages) -> {
                if (!other.equals(jar)) {
                    foreign.addAll(packages);
                }
            });
            if (jar.equals(suite)) {
                foreign.removeAll(daemonPackages);
            }
            for (String[] dependency : dependencies(jar)) {
                if (foreign.contains(dependency[1])) {
                    crossings.add(jar.getFileName() + ": " + dependency[0] + " -> " + dependency[1]);
                }
            }
        }
        assertEquals(List.of(), crossings);
    }

    @Test
    void jdepsSeesTheSuitesUseOfTheDaemons() throws Exception {
        List<String> suite = dependencies(Dist.moduleJar(SUITE)).stream().map(dependency -> dependency[1]).toList();
        assertTrue(suite.contains("cz.edeposit.amqp.aleph") && suite.contains("cz.edeposit.amqp.daemon"), suite.toString());
    }

    @Test
    void jdepsSeesADaemonsUseOfCoreAndOfTheSharedModels() throws Exception {
        // The check above is only as good as the dependencies jdeps reports: here are two it must.
        List<String> aleph = dependencies(Dist.moduleJar("edeposit-daemon-aleph")).stream()
                .map(dependency -> dependency[1]).toList();
        assertTrue(aleph.contains("cz.edeposit.amqp.marc") && aleph.contains("cz.edeposit.amqp.codec"), aleph.toString());
        assertFalse(packages(Dist.moduleJar("edeposit-daemon-aleph")).contains("cz.edeposit.amqp.marc"),
                "marc is a module of its own, not a part of aleph");
    }

    /** The packages with classes in {@code jar}. */
    private static Set<String> packages(Path jar) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            Set<String> packages = new TreeSet<>();
            file.stream().map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class") && name.contains("/") && !name.startsWith("META-INF/"))
                    .forEach(name -> packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.')));
            return packages;
        }
    }

    /** Every package of {@code jar} and each package it refers to, as jdeps reports them. */
    private static List<String[]> dependencies(Path jar) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "-verbose:package", "-filter:none", jar.toString());
        assertEquals(0, exit, jar + ": " + err);
        List<String[]> dependencies = new ArrayList<>();
        Matcher line = DEPENDENCY.matcher(out.toString());
        while (line.find()) {
            dependencies.add(new String[] {line.group(1), line.group(2)});
        }
        assertFalse(dependencies.isEmpty(), "jdeps reported nothing for " + jar + ":\n" + out);
        return dependencies;
    }
}
