package cz.edeposit.amqp.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scaling benchmark's options are refused in one line before anything starts; its medians and ratios. */
class ScaleBenchCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ScaleBenchCommand.commandLine(new ScaleBenchCommand(Map.of()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--processes 1,0      | --processes: each count must be 1-16, not 0",
        "--processes 2,17     | --processes: each count must be 1-16, not 17",
        "--processes 1,2,1    | --processes names a count twice: [1, 2, 1]",
        "--rounds 0           | --rounds must be 1-1000, not 0",
        "--calls 0            | --calls must be 1-10000000, not 0",
        "--in-flight 0        | --in-flight must be 1-10000, not 0",
        "--prefetch 0         | --prefetch must be"})
    void refusesAnOptionOutOfRangeInOneLine(String args, String message) {
        Run run = bench(args.trim().split(" "));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("bench-scale: error: " + message.trim()), run.err());
        assertEquals(2, run.err().lines().count(), run.err()); // the error and where to read more
        assertEquals("", run.out());
    }

    @Test
    void helpIsByteForByteThePinnedText() throws Exception {
        // As ToolCliTest pins the tool's and bench's: the command line is declared in code (ScaleOptions), and
        // this keeps what an operator reads from changing unnoticed.
        String pinned;
        try (var in = ScaleBenchCommandTest.class.getResourceAsStream("bench-scale-help.txt")) {
            pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(new Run(0, pinned, ""), bench("--help"));
    }

    /**
     * The workers run as the launchers run the daemons, so that a benchmark's memory is a daemon's: each option
     * of the default, but the heap's ceiling (a launcher's is its daemon's), is in lib/launcher.sh's defaults.
     */
    @Test
    void theDefaultJvmOptionsAreTheLaunchersOwn() throws Exception {
        String launcher = Files.readString(Path.of("../edeposit-dist/src/main/layout/lib/launcher.sh"));
        String defaults = launcher.lines().filter(line -> line.startsWith("options=\"")).findFirst().orElseThrow();
        List<String> launchers = List.of(defaults.split("[\" $]")); // words and expansions apart
        for (String option : BenchCommand.DEFAULT_JVM_OPTIONS.split(" ")) {
            assertTrue(option.startsWith("-Xmx") || launchers.contains(option), option + " is not in " + defaults);
        }
    }

    @Test
    void refusesAnUnknownQueueType() {
        Run run = bench("--queue-type", "stream");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--queue-type"), run.err());
        assertTrue(run.err().contains("classic, quorum"), run.err());
    }

    @Test
    void theRatioIsTheMedianOfPerRoundRatiosToTheBaseline() {
        ScaleReport.Result baseline = result(100, 200, 400);
        ScaleReport.Result other = result(50, 300, 200);
        assertEquals(0.5, other.ratioTo(baseline)); // 0.5, 1.5, 0.5
        assertEquals(200.0, baseline.median("per_s"));
        assertEquals(1.0, baseline.ratioTo(baseline));
    }

    private static ScaleReport.Result result(double... perSecond) {
        List<Map<String, Double>> rounds = java.util.Arrays.stream(perSecond)
                .mapToObj(value -> Map.of("per_s", value)).toList();
        return new ScaleReport.Result(null, rounds, 0, null);
    }
}
