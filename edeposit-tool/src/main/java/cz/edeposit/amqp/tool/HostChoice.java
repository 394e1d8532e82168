package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.List;

/**
 * The value of {@code --host}: one host by canonical name or legacy alias, or {@code all}.
 *
 * @param name the canonical host name, or {@code all}
 */
record HostChoice(String name) {

    static final String ALL = "all";

    boolean isAll() {
        return name.equals(ALL);
    }

    /** The chosen hosts in {@code --list} order, with the topology of {@code settings}. */
    List<HostSettings> resolve(AmqpSettings settings) {
        return isAll() ? settings.hosts() : List.of(settings.host(name));
    }

    /** Accepts what the original accepted ({@code --list} names and {@code all}) plus the canonical names. */
    static final class Converter implements ITypeConverter<HostChoice> {
        @Override
        public HostChoice convert(String value) {
            if (ALL.equals(value)) {
                return new HostChoice(ALL);
            }
            return AmqpSettings.canonicalHostName(value).map(HostChoice::new).orElseThrow(() ->
                    new TypeConversionException("unknown host '" + value + "'; the hosts are: "
                            + String.join(", ", AmqpSettings.hostNames())
                            + " (also downer for downloader, mx2mods for marcxml2mods), or all"));
        }
    }
}
