package cz.edeposit.amqp.dist;

import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LSB init script example drives a real daemon of the distribution: start, status, stop. */
class LsbInitScriptIT {

    @TempDir
    Path dir;

    private TestVhost vhost;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        env = Dist.cleanEnv();
        env.putAll(vhost.env());
        env.put("EDEPOSIT_HOME", Dist.home().toString());
        // The user running the tests: as root the script would switch to EDEPOSIT_USER.
        env.put("EDEPOSIT_USER", System.getProperty("user.name"));
        env.put("EDEPOSIT_CONFIG_DIR", vhost.emptyConfigDir().toString());
        env.put("PID_DIR", dir.resolve("run").toString());
        env.put("LOG_DIR", dir.resolve("log").toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        init("stop");
        vhost.close();
    }

    private Dist.Result init(String action) throws Exception {
        return Dist.run(dir, env, List.of(Dist.home().resolve("scripts/lsb-init-example").toString(), action));
    }

    @Test
    void startsReportsAndStopsTheDaemonWithLsbExitCodes() throws Exception {
        Dist.Result start = init("start");
        assertEquals(0, start.exitCode(), start.toString());
        assertTrue(start.err().startsWith("started with pid "), start.toString());
        assertTrue(Files.exists(dir.resolve("run/edeposit-downloader.pid")));
        assertTrue(Files.exists(dir.resolve("log/edeposit-downloaderd.log")));

        assertEquals(new Dist.Result(0, "edeposit-downloaderd is already running\n", ""), init("start"));
        assertEquals(0, init("status").exitCode());
        assertEquals(0, init("restart").exitCode());
        assertEquals(0, init("stop").exitCode());
        assertEquals(new Dist.Result(3, "edeposit-downloaderd is not running\n", ""), init("status"));
        assertEquals(2, init("reload").exitCode(), "an unknown action is a usage error");
    }

    @Test
    void saysWhereTheDistributionIsMissing() throws Exception {
        env.put("EDEPOSIT_HOME", dir.resolve("nothing").toString());
        Dist.Result missing = init("start");
        assertEquals(5, missing.exitCode(), "LSB: not installed");
        assertTrue(missing.err().contains("edeposit-downloaderd is missing; set EDEPOSIT_HOME"), missing.err());
    }
}
