package cz.edeposit.amqp.ftp;

import com.fasterxml.jackson.annotation.JsonProperty;
import cz.edeposit.amqp.codec.Base64Source;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.NtName;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.marc.EPublication;

import java.util.List;

/**
 * The messages the ftp monitor publishes (submodules.md §4.2): one {@link ImportRequest} per import, or several
 * when one would exceed {@code MAX_MESSAGE_BYTES}. It consumes nothing, so it decodes nothing.
 */
final class FtpMonitorMessages {

    /** The structures of an {@code ImportRequest}: what a consumer (the portal, the tests) decodes. */
    static final TypeRegistry TYPES = TypeRegistry.of(
            MessageType.of(ImportRequest.class),
            MessageType.of(MetadataFile.class),
            MessageType.of(EbookFile.class),
            MessageType.of(DataPair.class),
            MessageType.of(EPublication.class));

    private FtpMonitorMessages() {
    }

    /** One item of an import: a {@link MetadataFile}, an {@link EbookFile} or a {@link DataPair}. */
    sealed interface Item permits MetadataFile, EbookFile, DataPair {
    }

    /**
     * What a publisher uploaded and deleted the lock file for.
     *
     * @param username  the account
     * @param requests  the items
     * @param importLog the text of the user's import log
     * @param errorLog  the text of the user's error log
     */
    record ImportRequest(String username, List<Item> requests, @JsonProperty("import_log") String importLog,
                         @JsonProperty("error_log") String errorLog) {
    }

    /**
     * A metadata file.
     *
     * @param filename   the path relative to the home
     * @param rawData    the file, standard base64 without line breaks
     * @param parsedData the publication it describes, or null when it could not be read
     */
    record MetadataFile(String filename, @JsonProperty("raw_data") String rawData,
                        @JsonProperty("parsed_data") EPublication parsedData) implements Item {
    }

    /**
     * An e-book.
     *
     * @param filename the path relative to the home
     * @param rawData  the file, standard base64 without line breaks
     */
    record EbookFile(String filename, @JsonProperty("raw_data") String rawData) implements Item {
    }

    /**
     * An e-book and the metadata that describes it.
     *
     * @param metadataFile the metadata
     * @param ebookFile    the e-book
     */
    record DataPair(@JsonProperty("metadata_file") MetadataFile metadataFile,
                    @JsonProperty("ebook_file") EbookFile ebookFile) implements Item {
    }

    /**
     * An {@link ImportRequest} as the monitor encodes it: the same wire shape, with the e-books' data streamed from
     * their files into the body ({@link EbookUpload}), so that a big upload is in memory once, as the body.
     *
     * @param username  the account
     * @param requests  {@link MetadataFile}, {@link EbookUpload} and {@link PairUpload} items
     * @param importLog the text of the user's import log
     * @param errorLog  the text of the user's error log
     */
    @NtName("ImportRequest")
    record ImportUpload(String username, List<Record> requests, @JsonProperty("import_log") String importLog,
                        @JsonProperty("error_log") String errorLog) {
    }

    /**
     * An {@link EbookFile} as the monitor encodes it.
     *
     * @param filename the path relative to the home
     * @param rawData  the file, written as standard base64 without line breaks while the body is encoded
     */
    @NtName("EbookFile")
    record EbookUpload(String filename, @JsonProperty("raw_data") Base64Source rawData) {
    }

    /**
     * A {@link DataPair} as the monitor encodes it.
     *
     * @param metadataFile the metadata
     * @param ebookFile    the e-book
     */
    @NtName("DataPair")
    record PairUpload(@JsonProperty("metadata_file") MetadataFile metadataFile,
                      @JsonProperty("ebook_file") EbookUpload ebookFile) {
    }
}
