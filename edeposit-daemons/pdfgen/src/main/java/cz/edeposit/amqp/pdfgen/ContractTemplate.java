package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.pdfgen.PdfgenMessages.GenerateContract;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.wire.ValueError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's contract: reST of the subset with {@code ${firma}}, {@code ${pravni_forma}},
 * {@code ${sidlo}}, {@code ${ic}}, {@code ${dic}} and {@code ${zastoupen}}, parsed once at start-up.
 * The values are put into the parsed text, so they print literally and can never be markup.
 */
final class ContractTemplate {

    static final String EXAMPLE = "pdfgen-contract-example.rst";
    static final List<String> PLACEHOLDERS = List.of("firma", "pravni_forma", "sidlo", "ic", "dic", "zastoupen");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\n]*)}");

    private final RstParser.Document document;
    private final String source;

    private ContractTemplate(RstParser.Document document, String source) {
        this.document = document;
        this.source = source;
    }

    /** The template of PDFGEN_CONTRACT_TEMPLATE, or the shipped example; any problem stops the start (exit 78). */
    static ContractTemplate load(Optional<Path> path) {
        String where = path.map(Path::toString).orElse("the shipped example " + EXAMPLE);
        String text;
        try (InputStream in = path.isPresent() ? Files.newInputStream(path.get())
                : ContractTemplate.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IOException("not in the jar");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(in.readAllBytes())).toString();
        } catch (CharacterCodingException e) {
            throw invalid(where, "is not UTF-8 text");
        } catch (IOException e) {
            throw invalid(where, "cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, where);
    }

    static ContractTemplate parse(String text, String where) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PLACEHOLDER.matcher(lines[i]);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    throw invalid(where, "line " + (i + 1) + ": unknown placeholder ${" + m.group(1) + "}; the"
                            + " placeholders are ${" + String.join("}, ${", PLACEHOLDERS) + "}");
                }
            }
            if (m.reset().replaceAll("").contains("${")) {
                throw invalid(where, "line " + (i + 1) + ": a placeholder ${ is not closed with }");
            }
        }
        try {
            return new ContractTemplate(RstParser.parse(text), where);
        } catch (ValueError e) {
            throw invalid(where, e.getMessage());
        }
    }

    private static ConfigException invalid(String where, String problem) {
        return new ConfigException(PdfgenSettings.CONTRACT_TEMPLATE + ": " + where + ": " + problem
                + "; fix it (docs/pdfgen.md, \"The contract template\") or set it to \"\" for the shipped example");
    }

    String source() {
        return source;
    }

    RstParser.Document document() {
        return document;
    }

    /** The six values by placeholder; a null or blank one is a {@code ValueError} naming the field. */
    static Map<String, String> values(GenerateContract contract) {
        List<String> given = List.of(nullToEmpty(contract.firma()), nullToEmpty(contract.pravniForma()),
                nullToEmpty(contract.sidlo()), nullToEmpty(contract.ic()), nullToEmpty(contract.dic()),
                nullToEmpty(contract.zastoupen()));
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < PLACEHOLDERS.size(); i++) {
            String value = given.get(i).strip();
            if (value.isEmpty()) {
                throw new ValueError(PLACEHOLDERS.get(i) + " must not be empty");
            }
            values.put(PLACEHOLDERS.get(i), value.replaceAll("\\s+", " "));
        }
        return values;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Replaces each placeholder in one pass, so that a value holding "${...}" stays as it is. */
    static String fill(String text, Map<String, String> values) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
