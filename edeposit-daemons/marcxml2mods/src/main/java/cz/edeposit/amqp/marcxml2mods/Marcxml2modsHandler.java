package cz.edeposit.amqp.marcxml2mods;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.marc.MarcFormatException;
import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.MarcXml;
import cz.edeposit.amqp.marc.SafeXml;
import cz.edeposit.amqp.marcxml2mods.Marcxml2modsMessages.ConversionRequest;
import cz.edeposit.amqp.marcxml2mods.Marcxml2modsMessages.ConversionResponse;
import cz.edeposit.amqp.mods.InvalidModsException;
import cz.edeposit.amqp.mods.MarcToMods;
import cz.edeposit.amqp.mods.ModsDocument;
import cz.edeposit.amqp.mods.UnwritableValueException;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ValueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code ConversionRequest} with one MODS document per record (docs/marcxml2mods.md), valid by
 * construction: the schema is not run on each document.
 */
final class Marcxml2modsHandler implements RpcHandler {

    private static final Logger log = LoggerFactory.getLogger(Marcxml2modsHandler.class);

    /** A record's start tag, with or without a prefix: counted in the text before anything is parsed. */
    private static final Pattern RECORD_TAG = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?record[\\s/>]");

    private final Marcxml2modsSettings settings;

    Marcxml2modsHandler(Marcxml2modsSettings settings) {
        this.settings = settings;
    }

    /** The daemon's handler: reads {@code marcxml2mods.json}. */
    static Marcxml2modsHandler create(DaemonEnvironment environment) {
        Marcxml2modsSettings settings = Marcxml2modsSettings.load(environment);
        log.info("MARC to MODS 3.4: at most {} records a request", settings.maxRecords());
        return new Marcxml2modsHandler(settings);
    }

    @Override
    public Object handle(Object request, RpcContext context) {
        if (request instanceof ConversionRequest conversion) {
            return convert(conversion);
        }
        throw new ValueError("Unknown type of request: '" + PythonTypes.typeText(request) + "'!");
    }

    private ConversionResponse convert(ConversionRequest request) {
        xmlText("uuid", request.uuid());
        xmlText("url", request.url());
        List<MarcRecord> records = records(request.marcXml());
        List<ModsDocument> documents;
        try {
            documents = MarcToMods.convert(records, request.uuid(), request.url());
        } catch (UnwritableValueException e) {
            // A record read from XML 1.1 may carry a control character as a reference; XML 1.0 cannot.
            throw new ValueError("marc_xml: " + e.getMessage(), e);
        } catch (InvalidModsException e) {
            // Our mapping would write what the schema refuses: a bug to fix, never a document to send.
            log.error("The MODS made for request uuid {} is invalid; no document sent", printable(request.uuid()), e);
            throw e;
        }
        List<String> files = new ArrayList<>(documents.size());
        for (ModsDocument document : documents) {
            document.warnings().forEach(warning -> log.warn("{}", warning));
            files.add(document.xml());
        }
        log.info("Converted {} record(s) to MODS for uuid {}", files.size(), printable(request.uuid()));
        return new ConversionResponse(files);
    }

    /**
     * The records of {@code marcXml}, which is content only: the original opened a text without a
     * newline as a file, so any publisher could read the daemon's files.
     */
    private List<MarcRecord> records(String marcXml) {
        if (marcXml == null || marcXml.isBlank()) {
            throw new ValueError("marc_xml is empty: send the text of MARC XML or OAI-MARC records");
        }
        if (marcXml.strip().charAt(0) != '<') {
            throw new ValueError("marc_xml is not XML (it does not start with '<'): send the records' text, not a path"
                    + " or a file name");
        }
        // Too many records are refused before the DOM and the models of a million tiny records fill the heap.
        tooMany(count(marcXml));
        List<MarcRecord> records;
        try {
            records = MarcXml.parseAll(marcXml);
        } catch (MarcFormatException e) {
            throw new ValueError("marc_xml: " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new ValueError("marc_xml holds no <record>: send MARC XML (collection/record) or OAI-MARC"
                    + " (record/metadata/oai_marc)");
        }
        tooMany(records.size());
        return records;
    }

    /**
     * The uuid and the url go into every document as text; JSON can carry characters XML 1.0 cannot (NUL and
     * the other controls, a lone surrogate), which would make a document no XML parser reads.
     */
    private static void xmlText(String field, String value) {
        int at = value == null ? -1 : SafeXml.firstNonXmlCharacter(value);
        if (at >= 0) {
            throw new ValueError(field + " holds the character U+" + String.format("%04X", value.codePointAt(at))
                    + " at index " + at + ", which XML cannot carry");
        }
    }

    private void tooMany(int records) {
        if (records > settings.maxRecords()) {
            throw new ValueError("marc_xml holds " + records + " records, more than MX2MODS_MAX_RECORDS "
                    + settings.maxRecords() + ": split the request");
        }
    }

    // The uuid is the publisher's text: a log line shows it without line breaks, and not at any length.
    private static String printable(String uuid) {
        if (uuid == null) {
            return "(none)";
        }
        String shown = uuid.replaceAll("\\p{Cntrl}", "?");
        return shown.length() <= 64 ? shown : shown.substring(0, 64) + "...";
    }

    private static int count(String marcXml) {
        int count = 0;
        for (Matcher matcher = RECORD_TAG.matcher(marcXml); matcher.find(); ) {
            count++;
        }
        return count;
    }
}
