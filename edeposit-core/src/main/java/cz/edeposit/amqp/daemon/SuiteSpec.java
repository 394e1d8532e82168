package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.rpc.RpcOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A launcher that runs several daemons in one JVM (suite mode, docs/operations.md): its names and the
 * daemons it may run, of which {@code --daemons} chooses. Each daemon keeps its own connection,
 * workers, settings file and thread names; a supervisor per daemon restarts it alone when it fails.
 *
 * @param name        short name of the suite's PID, state and log files ({@code edeposit-<name>.pid})
 * @param command     the launcher name, e.g. {@code edeposit-suited}
 * @param description one line for {@code --help}
 * @param mainClass   the class whose {@code main} runs the suite (the background JVM starts it)
 * @param daemons     the daemons it may run, in the order it starts them; names unique
 */
public record SuiteSpec(String name, String command, String description, Class<?> mainClass, List<DaemonSpec> daemons) {

    /** The {@code --daemons} word for every daemon of the suite. */
    public static final String ALL = "all";

    public SuiteSpec {
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(description, "description");
        daemons = List.copyOf(daemons);
        if (daemons.isEmpty()) {
            throw new IllegalArgumentException("a suite needs at least one daemon");
        }
        if (daemons.stream().map(DaemonSpec::name).distinct().count() != daemons.size()) {
            throw new IllegalArgumentException("a suite's daemons need distinct names: " + names(daemons));
        }
        asDaemon(name, command, description, mainClass); // the same checks of the names as a daemon's
    }

    /**
     * The daemons that {@code list} names, comma-separated ({@code aleph,pdfgen}), in the suite's order,
     * or all of them for {@value #ALL}.
     *
     * @throws IllegalArgumentException in one line, naming the word that is wrong and the choices
     */
    public List<DaemonSpec> select(String list) {
        Map<String, DaemonSpec> byName = new LinkedHashMap<>();
        daemons.forEach(daemon -> byName.put(daemon.name(), daemon));
        List<String> words = new ArrayList<>();
        for (String word : list.split(",", -1)) {
            words.add(word.strip());
        }
        if (words.equals(List.of(ALL))) {
            return daemons;
        }
        List<DaemonSpec> chosen = new ArrayList<>();
        for (String word : words) {
            DaemonSpec daemon = byName.get(word);
            if (daemon == null) {
                throw new IllegalArgumentException("--daemons: " + (word.isEmpty() ? "an empty name" : "'" + word + "'")
                        + " is not a daemon of " + command + "; give a comma-separated list of " + names(daemons)
                        + ", or " + ALL);
            }
            if (chosen.contains(daemon)) {
                throw new IllegalArgumentException("--daemons: '" + word + "' is named twice; give each daemon once");
            }
            chosen.add(daemon);
        }
        return daemons.stream().filter(chosen::contains).toList();
    }

    /** The suite as the lifecycle sees one daemon: its PID, state and log files, its main class. */
    DaemonSpec asDaemon() {
        return asDaemon(name, command, description, mainClass);
    }

    private static DaemonSpec asDaemon(String name, String command, String description, Class<?> mainClass) {
        // No host of its own (""): each daemon of the suite reads its host's settings.
        return new DaemonSpec(name, command, description, "", TypeRegistry::of, environment -> {
            throw new IllegalStateException(command + " runs daemons; it has no handler of its own");
        }, mainClass, RpcOptions.BROKER_MAX_MESSAGE_BYTES, null, WorkKind.SHORT); // its own kind is unused (prefetchFor)
    }

    private static String names(List<DaemonSpec> daemons) {
        return String.join(", ", daemons.stream().map(DaemonSpec::name).toList());
    }
}
