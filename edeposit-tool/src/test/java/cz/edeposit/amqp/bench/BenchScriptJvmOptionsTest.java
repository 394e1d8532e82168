package cz.edeposit.amqp.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM options the benchmark scripts (scripts/bench*) start their java with are the launchers' own
 * (edeposit-dist/src/main/layout/lib/launcher.sh), but the heap's ceiling, which is each benchmark's: a figure
 * measured with another initial heap or collector than the daemons run with would not be a daemon's.
 */
class BenchScriptJvmOptionsTest {

    @Test
    void everyJvmOptionOfABenchScriptButTheHeapCeilingIsInTheLaunchersDefaults() throws Exception {
        String launcher = Files.readString(Path.of("../edeposit-dist/src/main/layout/lib/launcher.sh"));
        String defaults = launcher.lines().filter(line -> line.startsWith("options=\"")).findFirst().orElseThrow();
        List<String> launchers = List.of(defaults.split("[\" $]")); // words and expansions apart
        List<String> checked = new ArrayList<>();
        try (Stream<Path> scripts = Files.list(Path.of("../scripts"))) {
            for (Path script : scripts.filter(path -> path.getFileName().toString().startsWith("bench")).sorted().toList()) {
                // A command continued over lines with a backslash is one line here.
                String text = Files.readString(script).replace("\\\n", " ");
                for (String line : text.lines().map(String::strip).filter(line -> !line.startsWith("#")).toList()) {
                    List<String> words = List.of(line.split("\\s+"));
                    int java = words.indexOf("java");
                    if (java < 0) {
                        continue;
                    }
                    for (String word : words.subList(java + 1, words.size())) {
                        if (word.startsWith("-X") && !word.startsWith("-Xmx")) {
                            assertTrue(launchers.contains(word), script.getFileName() + " starts java with " + word
                                    + ", which is not in " + defaults);
                            checked.add(script.getFileName() + " " + word);
                        }
                    }
                }
            }
        }
        // Not vacuous: the ftp monitor's heap benchmark gives the launchers' initial heap.
        assertEquals(1, checked.stream().filter(option -> option.startsWith("bench-ftp-monitor -Xms")).count(),
                checked.toString());
    }
}
