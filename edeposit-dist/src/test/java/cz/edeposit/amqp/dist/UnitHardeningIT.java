package cz.edeposit.amqp.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The systemd units' sandbox (docs/security.md, "Operations"), as systemd-analyze judges it. */
class UnitHardeningIT {

    /** docs/security.md records each unit's score; a unit must stay below this. */
    private static final double MAX_EXPOSURE = 4.0;
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+) ");

    private final Path home = Dist.home();

    /** The daemons' units: name to lines. */
    private Map<String, List<String>> units() throws Exception {
        return services("daemon");
    }

    /** The {@code .service} units of the launchers of {@code kind} ({@code daemon}, {@code timer}): name to lines. */
    private Map<String, List<String>> services(String kind) throws Exception {
        Map<String, List<String>> units = new TreeMap<>();
        Set<String> launchers = new TreeSet<>();
        Dist.launchers().forEach((name, fields) -> {
            if (fields[0].equals(kind)) {
                launchers.add(name);
            }
        });
        for (String name : launchers) {
            Path file = home.resolve("systemd").resolve(name + ".service");
            assertTrue(Files.isRegularFile(file), file.toString());
            units.put(name, Files.readAllLines(file));
        }
        return units;
    }

    /** Every unit of the daemons and of the timers' commands: name to lines. */
    private Map<String, List<String>> allServices() throws Exception {
        Map<String, List<String>> units = new TreeMap<>(units());
        units.putAll(services("timer"));
        try (Stream<Path> files = Files.list(home.resolve("systemd"))) {
            assertEquals(units.size(), files.filter(file -> file.toString().endsWith(".service")).count(),
                    "a .service per daemon and per timer, no other");
        }
        return units;
    }

    @Test
    void everyUnitScoresBelowFourInSystemdAnalyzeSecurity(@TempDir Path dir) throws Exception {
        List<String> scores = new ArrayList<>();
        for (String unit : allServices().keySet()) {
            Path copy = dir.resolve(unit + ".service");
            Files.writeString(copy, Files.readString(home.resolve("systemd").resolve(unit + ".service"))
                    .replace("/opt/edeposit-amqp/", home + "/"));
            Dist.Result security = Dist.run(dir, Dist.cleanEnv(),
                    List.of("/usr/bin/systemd-analyze", "security", "--offline=yes", copy.toString()));
            Matcher matcher = EXPOSURE.matcher(security.out() + security.err());
            assertTrue(matcher.find(), security.toString());
            double exposure = Double.parseDouble(matcher.group(1));
            scores.add(unit + " " + exposure);
            assertTrue(exposure < MAX_EXPOSURE, unit + ": exposure " + exposure + "\n" + security.out());
        }
        System.out.println("systemd-analyze security --offline=yes: " + scores);
    }

    @Test
    void everyUnitDropsCapabilitiesFiltersSystemCallsAndHidesTheHost() throws Exception {
        for (Map.Entry<String, List<String>> unit : allServices().entrySet()) {
            List<String> lines = unit.getValue();
            boolean ftpManager = unit.getKey().equals("edeposit-ftp-managerd"); // root with four capabilities, see below
            boolean ftpMonitor = unit.getKey().equals("edeposit-ftp-monitord"); // root with three, see below
            for (String line : List.of(ftpManager ? FTP_MANAGER_CAPABILITIES : ftpMonitor ? FTP_MONITOR_CAPABILITIES
                    : "CapabilityBoundingSet=", "AmbientCapabilities=",
                    "SystemCallArchitectures=native", "SystemCallErrorNumber=EPERM", "ProtectClock=yes", "ProtectHostname=yes",
                    ftpManager ? "ProtectProc=default" : "ProtectProc=invisible", "PrivateIPC=yes", "RestrictRealtime=yes",
                    "NoNewPrivileges=yes")) {
                assertTrue(lines.contains(line), unit.getKey() + " lacks " + line);
            }
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("SystemCallFilter=@system-service")), unit.getKey());
            List<String> keys = lines.stream().filter(line -> line.matches("[A-Za-z]+=.*"))
                    .map(line -> line.substring(0, line.indexOf('='))).toList();
            assertEquals(keys.stream().distinct().toList(), keys, unit.getKey() + " sets a key twice");
            if (!unit.getKey().equals("edeposit-calibred")) {
                for (String line : List.of("RestrictNamespaces=yes", "ProtectKernelTunables=yes", "ProtectKernelLogs=yes",
                        "SystemCallFilter=@system-service")) {
                    assertTrue(lines.contains(line), unit.getKey() + " lacks " + line);
                }
            }
        }
    }

    /**
     * Readiness and the watchdog (docs/operations.md): only the daemon's JVM (the launcher execs it) may
     * notify; a daemon silent for 60 s dumps its threads on SIGQUIT and is killed; options come from an
     * optional environment file.
     */
    @Test
    void everyUnitIsANotifyServiceWithAWatchdogAndAnOptionalEnvironmentFile() throws Exception {
        for (Map.Entry<String, List<String>> unit : units().entrySet()) {
            // The ftp monitor, a producer, has no loop of workers to ping from (docs/operations.md).
            String watchdog = unit.getKey().equals("edeposit-ftp-monitord") ? "WatchdogSec=0" : "WatchdogSec=60s";
            assertEquals(1, unit.getValue().stream().filter(line -> line.startsWith("WatchdogSec=")).count(), unit.getKey());
            for (String line : List.of("Type=notify", "NotifyAccess=main", watchdog, "WatchdogSignal=SIGQUIT",
                    "TimeoutAbortSec=10s", "TimeoutStartSec=90s", "EnvironmentFile=-/etc/edeposit/%N.env")) {
                assertTrue(unit.getValue().contains(line), unit.getKey() + " lacks " + line);
            }
            assertTrue(unit.getValue().stream().anyMatch(line -> line.startsWith("ExecStart=")
                    && line.endsWith(" $EDEPOSIT_DAEMON_OPTIONS")), unit.getKey());
        }
    }

    /**
     * The harvester is a command a daily timer starts (docs/harvester.md, "Under systemd"): one run of {@code --harvest}
     * as the edeposit user, its cache and state in its own StateDirectory, bounded in time; the timer is persistent.
     */
    @Test
    void theHarvesterIsAOneshotServiceThatADailyPersistentTimerStarts() throws Exception {
        List<String> service = services("timer").get("edeposit-harvester");
        for (String line : List.of("Type=oneshot", "ExecStart=/opt/edeposit-amqp/bin/edeposit-harvester --harvest",
                "User=edeposit", "StateDirectory=edeposit/harvester", "TimeoutStartSec=4h",
                "EnvironmentFile=-/etc/edeposit/%N.env", "ProtectSystem=strict", "ProtectHome=yes")) {
            assertTrue(service.contains(line), "edeposit-harvester.service lacks " + line);
        }
        String environment = service.stream().filter(line -> line.startsWith("Environment=")).findFirst().orElseThrow();
        for (String setting : List.of("EDEPOSIT_CONFIG_DIR=/etc/edeposit",
                "EDEPOSIT_DUP_FILTER_FILE=/var/lib/edeposit/harvester/cache.json",
                "EDEPOSIT_HARVESTER_STATE_DIR=/var/lib/edeposit/harvester")) {
            assertTrue(environment.contains(setting), environment);
        }
        assertTrue(service.stream().noneMatch(line -> line.startsWith("WatchdogSec=") || line.startsWith("Restart=")
                || line.startsWith("[Install]")), "a oneshot started by its timer: " + service);
        List<String> timer = Files.readAllLines(home.resolve("systemd/edeposit-harvester.timer"));
        for (String line : List.of("[Timer]", "OnCalendar=daily", "Persistent=true", "RandomizedDelaySec=1h",
                "WantedBy=timers.target")) {
            assertTrue(timer.contains(line), "edeposit-harvester.timer lacks " + line);
        }
    }

    private static final String FTP_MANAGER_CAPABILITIES = "CapabilityBoundingSet=CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER CAP_KILL";
    private static final String FTP_MONITOR_CAPABILITIES = "CapabilityBoundingSet=CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER";

    /** The ftp monitor locks, cleans and gives back the FTP users' files: root with three capabilities, no signals. */
    @Test
    void theFtpMonitorRunsAsRootWithThreeCapabilitiesAndWritesOnlyTheHomesAndItsState() throws Exception {
        List<String> ftp = units().get("edeposit-ftp-monitord");
        for (String line : List.of("User=root", FTP_MONITOR_CAPABILITIES, "ReadWritePaths=/home/ftp",
                "StateDirectory=edeposit", "ProtectHome=tmpfs", "BindPaths=/home/ftp")) {
            assertTrue(ftp.contains(line), "edeposit-ftp-monitord lacks " + line);
        }
    }

    /**
     * The ftp manager writes root's ProFTPD passwd file and gives homes to the user proftpd: root, with the capabilities
     * of that work only; of /home it sees DATA_PATH; it must see ProFTPD's process (whose euid is not root) to signal it.
     */
    @Test
    void theFtpManagerRunsAsRootWithFourCapabilitiesAndWritesOnlyProftpdsDirectoryAndTheHomes() throws Exception {
        List<String> ftp = units().get("edeposit-ftp-managerd");
        for (String line : List.of("User=root", FTP_MANAGER_CAPABILITIES, "ReadWritePaths=/etc/proftpd /home/ftp",
                "ProtectHome=tmpfs", "BindPaths=/home/ftp", "ProtectProc=default")) {
            assertTrue(ftp.contains(line), "edeposit-ftp-managerd lacks " + line);
        }
    }

    @Test
    void theDownloaderCannotReachLinkLocalAddresses() throws Exception {
        assertTrue(units().get("edeposit-downloaderd").contains("IPAddressDeny=169.254.0.0/16 fe80::/10"));
    }

    /** bwrap needs namespaces, mount calls and a /proc it can mount again; memory and tasks are bounded. */
    @Test
    void calibreAllowsItsSandboxAndIsBoundedInMemoryTasksAndFileSize() throws Exception {
        List<String> calibre = units().get("edeposit-calibred");
        for (String line : List.of("RestrictNamespaces=no", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
                "ProtectKernelTunables=no", "ProtectKernelLogs=no",
                "SystemCallFilter=@system-service @mount @pkey seccomp", "MemoryMax=4G", "TasksMax=1024", "LimitFSIZE=1G")) {
            assertTrue(calibre.contains(line), "edeposit-calibred lacks " + line);
        }
    }

    /** The exchange with Aleph is in the aleph_export account's home: the one home it sees, and may write. */
    @Test
    void theAlephLinkExportWritesOnlyInTheAlephExportHome() throws Exception {
        List<String> unit = units().get("edeposit-aleph-link-exportd");
        assertTrue(unit.contains("ProtectHome=read-only") && unit.contains("ReadWritePaths=/home/aleph_export")
                && !unit.contains("ProtectHome=yes"), unit.toString());
    }
}
