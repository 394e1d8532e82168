package cz.edeposit.amqp.aleph;

import java.util.Map;

/**
 * The per-format part of the export form: which leader, format code ({@code FMT}), base
 * ({@code BAS}), general material designation and record processor ({@code IST a}) a binding
 * ({@code vazba}, a {@code FormatEnum} value) maps to. Ported as data from the original.
 *
 * @param leader      {@code P0100LDR__}
 * @param format      {@code P0200FMT__}
 * @param base        {@code P0300BAS__a}; e-books go to base 49
 * @param designation {@code P07022001_b}
 * @param processor   {@code P1501IST1_a}, the hidden record processor code
 */
record ExportFormat(String leader, String format, String base, String designation, String processor) {

    private static final ExportFormat MAP = new ExportFormat(
            "-----nem-a22------a-4500", "MP", "30", "kartografický dokument", "ow");
    private static final ExportFormat CARRIER = new ExportFormat(
            "-----nam-a22------a-4500", "BK", "30", "elektronický zdroj", "ow");
    private static final ExportFormat ONLINE = new ExportFormat(
            "-----nam-a22------a-4500", "BK", "49", "elektronický zdroj", "ox");

    /** Bindings with a mapping of their own; every other binding ({@code brož.}, {@code váz.}, ...) is exported as online. */
    private static final Map<String, ExportFormat> BY_BINDING = Map.of(
            "mapa", MAP,
            "CD-ROM", CARRIER,
            "DVD", CARRIER,
            "online", ONLINE);

    /** The binding value that makes the {@code format} field required. */
    static final String ONLINE_BINDING = "online";

    static ExportFormat forBinding(String binding) {
        return BY_BINDING.getOrDefault(binding, ONLINE);
    }
}
