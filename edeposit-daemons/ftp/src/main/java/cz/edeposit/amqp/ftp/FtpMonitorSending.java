package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.ImportUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sending half of an import: the home settles, is locked read-only and paired, and its items go out in as few
 * messages as fit {@code MAX_MESSAGE_BYTES}, each confirmed before the next. The e-books are streamed from their
 * files into each body, so the heap holds one body at a time. An item whose file cannot be read while its message
 * is encoded is left out of it, stays in the home (never sent half) and is named in the error log.
 */
final class FtpMonitorSending {

    private static final Logger LOG = LoggerFactory.getLogger(FtpMonitorSending.class);

    private final FtpMonitorHome home;
    private final long maxMessageBytes;
    private final List<FtpMonitorItems.Sized> items;
    private final List<String> errors;
    private final List<String> delete;
    private final Instant started = Instant.now();

    private FtpMonitorSending(FtpMonitorHome home, long maxMessageBytes, List<FtpMonitorItems.Sized> items,
                              List<String> errors, List<String> delete) {
        this.home = home;
        this.maxMessageBytes = maxMessageBytes;
        this.items = items;
        this.errors = errors;
        this.delete = delete;
    }

    /** Waits for the home to settle, locks it and plans the messages; nothing is sent yet. */
    static FtpMonitorSending prepare(FtpMonitorSettings settings, FtpMonitorHome home, FtpUserSwitches switches)
            throws IOException, InterruptedException {
        List<String> changing = new ArrayList<>();
        settle(settings, home, changing);
        home.lock(true);
        FtpMonitorHome.Contents contents = home.walk();
        List<String> files = new ArrayList<>(contents.files());
        files.removeAll(changing);
        FtpMonitorPairing.Plan plan = FtpMonitorPairing.plan(files, switches);
        FtpMonitorItems.Built built = FtpMonitorItems.build(home, plan.items(), settings.maxMetadataBytes(),
                settings.maxMessageBytes());
        List<String> errors = new ArrayList<>(plan.errors());
        errors.addAll(built.errors());
        contents.skipped().forEach(entry -> errors.add(entry + ": not a regular file (a link, a FIFO, a device?); skipped"));
        changing.forEach(file -> errors.add(file + ": still being uploaded; left for the next import"));
        List<String> delete = new ArrayList<>(built.sent());
        if (!switches.leaveBadFiles()) {
            delete.addAll(built.bad());
            delete.addAll(plan.rejected());
        }
        return new FtpMonitorSending(home, settings.maxMessageBytes(), new ArrayList<>(built.items()), errors, delete);
    }

    /** The lines of the user's error log so far. */
    List<String> errors() {
        return errors;
    }

    /** The files to delete once every message is confirmed: the sent ones, and the bad ones unless kept. */
    List<String> delete() {
        return delete;
    }

    /** The user's import log: the items sent, then the status. */
    String importLog() {
        StringBuilder log = new StringBuilder("Import ").append(started).append('\n');
        for (FtpMonitorItems.Sized sized : items) {
            log.append(sized.describe()).append('\n');
        }
        if (!errors.isEmpty()) {
            log.append("Errors: ").append(errors.size()).append(" (see the error log)\n");
        }
        return log.append("Status: ").append(errors.isEmpty() ? "Ok" : "Error").append('\n').toString();
    }

    /**
     * Publishes the messages, each with its {@code message_id} ({@code importId}, with {@code -N} when there are
     * several), and returns once the broker confirmed the last.
     */
    void publish(String user, String importId, NtCodec codec, FtpMonitorPublisher publisher)
            throws IOException, InterruptedException {
        List<List<FtpMonitorItems.Sized>> messages = split(items, maxMessageBytes);
        for (int i = 0; i < messages.size(); i++) {
            String messageId = messages.size() == 1 ? importId : importId + "-" + (i + 1);
            List<FtpMonitorItems.Sized> message = new ArrayList<>(messages.get(i));
            byte[] body = encode(user, message, codec);
            if (body == null) {
                continue; // nothing of it could be read: nothing to send
            }
            publisher.publish(body, messageId);
            LOG.info("import of {} published as {} ({} items, {} bytes)", user, messageId, message.size(), body.length);
        }
    }

    /** The body of a message; items that cannot be read are left out (and named), null when none is left. */
    private byte[] encode(String user, List<FtpMonitorItems.Sized> message, NtCodec codec) {
        while (!message.isEmpty()) {
            try {
                List<Record> uploads = new ArrayList<>();
                for (FtpMonitorItems.Sized sized : message) {
                    uploads.add(sized.upload(home));
                }
                String errorLog = errors.isEmpty() ? "" : String.join("\n", errors) + "\n";
                return codec.encode(new ImportUpload(user, uploads, importLog(), errorLog));
            } catch (IOException | UncheckedIOException failure) {
                List<FtpMonitorItems.Sized> unreadable = message.stream().filter(sized -> !readable(sized)).toList();
                for (FtpMonitorItems.Sized sized : unreadable.isEmpty() ? List.copyOf(message) : unreadable) {
                    message.remove(sized);
                    items.remove(sized);
                    delete.removeAll(sized.files());
                    String files = String.join(" + ", sized.files());
                    LOG.error("import of {}: {} could not be read while it was sent ({}); left in the home", user, files,
                            failure.getMessage());
                    errors.add(files + ": could not be read while it was sent (" + failure.getMessage()
                            + "); left in place for the next import");
                }
            }
        }
        return null;
    }

    /** Whether an item's e-book reads to its end now, with the size it has. */
    private boolean readable(FtpMonitorItems.Sized sized) {
        if (sized.ebook() == null) {
            return true; // its metadata is in memory already
        }
        try {
            FtpMonitorItems.FileData data = FtpMonitorItems.FileData.of(home.resolve(sized.ebook()), sized.ebookBytes());
            try (InputStream in = data.open()) {
                return in.transferTo(OutputStream.nullOutputStream()) == data.length();
            }
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** Waits until nothing in the home changes for UPLOAD_SETTLE_SECONDS; what still changes at the end is named. */
    private static void settle(FtpMonitorSettings settings, FtpMonitorHome home, List<String> changing)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        FtpMonitorHome.Contents before = home.walk();
        while (!settings.settle().isZero()) {
            Thread.sleep(settings.settle().toMillis());
            FtpMonitorHome.Contents after = home.walk();
            if (after.snapshot().equals(before.snapshot())) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                for (var entry : after.snapshot().entrySet()) {
                    if (!Objects.equals(entry.getValue(), before.snapshot().get(entry.getKey()))) {
                        changing.add(entry.getKey());
                    }
                }
                return;
            }
            before = after;
        }
    }

    /** Whole items, in order, in as few messages as fit {@code maxBytes} each. */
    static List<List<FtpMonitorItems.Sized>> split(List<FtpMonitorItems.Sized> items, long maxBytes) {
        List<List<FtpMonitorItems.Sized>> messages = new ArrayList<>();
        List<FtpMonitorItems.Sized> current = new ArrayList<>();
        long bytes = 0;
        for (FtpMonitorItems.Sized item : items) {
            if (!current.isEmpty() && bytes + item.bytes() > maxBytes) {
                messages.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(item);
            bytes += item.bytes();
        }
        if (!current.isEmpty()) {
            messages.add(current);
        }
        return messages;
    }
}
