package cz.edeposit.amqp.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the distribution contains, and that the tarball holds the same. */
class DistributionLayoutIT {

    private final Path home = Dist.home();

    private Set<String> names(String dir) throws Exception {
        try (Stream<Path> files = Files.list(home.resolve(dir))) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void hasALauncherPerListedNameTheArchiveCommandAndUnitsPerDaemonAndTimerAndNothingElse() throws Exception {
        Map<String, String[]> launchers = Dist.launchers();
        assertTrue(launchers.containsKey("edeposit-downloaderd") && launchers.containsKey("edeposit-amqp-tool"));
        Set<String> bin = new TreeSet<>(launchers.keySet());
        bin.add("edeposit-class-archive");
        assertEquals(bin, names("bin"));
        Set<String> units = new TreeSet<>();
        launchers.forEach((name, fields) -> {
            if (fields[0].equals("daemon") || fields[0].equals("timer")) {
                units.add(name + ".service");
            }
            if (fields[0].equals("timer")) {
                units.add(name + ".timer");
            }
        });
        assertEquals(units, names("systemd"));
        for (String name : bin) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(home.resolve("bin").resolve(name));
            assertTrue(mode.contains(PosixFilePermission.OTHERS_EXECUTE) && !mode.contains(PosixFilePermission.OTHERS_WRITE),
                    name + " " + mode);
        }
    }

    @Test
    void everyLauncherNamesAMainClassThatIsInItsModulesJar() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String[]> launcher : Dist.launchers().entrySet()) {
            String[] fields = launcher.getValue();
            Path jar = Dist.moduleJar(fields[2]);
            if (!Files.isRegularFile(jar) || !contains(jar, fields[1])) {
                missing.add(launcher.getKey() + " -> " + fields[1] + " in " + jar.getFileName());
            }
        }
        assertEquals(List.of(), missing);
    }

    /** Whether {@code className} is in {@code jar}. */
    private static boolean contains(Path jar, String className) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(className.replace('.', '/') + ".class") != null;
        }
    }

    @Test
    void shipsSettingsExamplesDocsTheInitScriptAndTheAlertRulesButNoTestLibraries() throws Exception {
        assertTrue(names("config").containsAll(Set.of("amqp.json", "downloader.json", "pdfgen-contract-example.rst",
                "harvester-sources.example.yaml", "proftpd-edeposit.conf")), names("config").toString());
        assertTrue(names("docs").containsAll(Set.of("README.md", "operations.md", "performance.md", "downloader.md")),
                names("docs").toString());
        assertTrue(Files.isExecutable(home.resolve("scripts/lsb-init-example")));
        assertEquals(Set.of("edeposit-alerts.yml", "edeposit-alerts-test.yml"), names("monitoring"));
        for (String rules : names("monitoring")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(home.resolve("monitoring").resolve(rules))), rules);
        }
        for (String file : List.of("lib/launcher.sh", "lib/java.sh", "lib/edeposit.classlist")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file);
        }
        assertFalse(Files.exists(home.resolve("lib/cds")),
                "a class archive is made on the host, never shipped (one made in target/: mvn clean)");
        Set<String> lib = names("lib");
        for (String[] launcher : Dist.launchers().values()) {
            assertTrue(lib.contains(Dist.moduleJar(launcher[2]).getFileName().toString()), launcher[2] + " in " + lib);
        }
        assertFalse(lib.stream().anyMatch(name -> name.contains("junit") || name.contains("testcontainers")
                || name.contains("-tests")), lib.toString());
    }

    @Test
    void theTarballHoldsTheSameFilesUnderOneDirectoryWithTheSameModes(@TempDir Path unpacked) throws Exception {
        Path tarball = Path.of(System.getProperty("edeposit.tarball"));
        Dist.Result untar = Dist.run(unpacked, Dist.cleanEnv(), List.of("tar", "-xzf", tarball.toString()));
        assertEquals(0, untar.exitCode(), untar.toString());
        Path root = unpacked.resolve(home.getFileName());
        assertTrue(Files.isDirectory(root), "the tarball unpacks into " + home.getFileName());
        assertEquals(tree(home), tree(root));
    }

    /** Relative path and permissions of every file below {@code dir}. */
    private static Set<String> tree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            Set<String> tree = new TreeSet<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                tree.add(dir.relativize(file) + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
            return tree;
        }
    }

    @Test
    void unitsRunTheLauncherInTheForegroundSandboxedAsTheEdepositUser() throws Exception {
        for (String unit : names("systemd")) {
            if (!Dist.launchers().get(unit.replaceFirst("\\.[a-z]+$", ""))[0].equals("daemon")) {
                continue; // a timer's units: UnitHardeningIT
            }
            String text = Files.readString(home.resolve("systemd").resolve(unit));
            String launcher = unit.replace(".service", "");
            // The ftp manager writes ProFTPD's passwd file and owns the FTP homes, the ftp monitor changes and deletes
            // the FTP users' files: root (docs/ftp.md).
            String user = launcher.startsWith("edeposit-ftp-") ? "User=root" : "User=edeposit";
            for (String line : List.of("Type=notify",
                    "ExecStart=/opt/edeposit-amqp/bin/" + launcher
                            + " start --foreground --pid-dir /run/edeposit $EDEPOSIT_DAEMON_OPTIONS",
                    "Restart=on-failure", user, "NoNewPrivileges=yes", "ProtectSystem=strict",
                    "RuntimeDirectory=edeposit", "LogsDirectory=edeposit", "Environment=EDEPOSIT_CONFIG_DIR=/etc/edeposit")) {
                assertTrue(text.lines().anyMatch(line::equals), unit + " lacks " + line);
            }
        }
    }

    @Test
    void systemdAcceptsTheUnits(@TempDir Path dir) throws Exception {
        assertTrue(new File("/usr/bin/systemd-analyze").canExecute(),
                "systemd-analyze is not installed: scripts/test installs Debian's systemd package");
        for (String unit : names("systemd")) {
            // verify checks that ExecStart exists: point it at this distribution instead of /opt.
            Files.writeString(dir.resolve(unit), Files.readString(home.resolve("systemd").resolve(unit))
                    .replace("/opt/edeposit-amqp/", home + "/"));
        }
        // All copied first: verify checks that the unit a timer starts is there.
        for (String unit : names("systemd")) {
            Path copy = dir.resolve(unit);
            Dist.Result verify = Dist.run(dir, Dist.cleanEnv(), List.of("/usr/bin/systemd-analyze", "verify", copy.toString()));
            assertEquals(new Dist.Result(0, "", ""), verify, unit);
        }
    }
}
