package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.ImportRequest;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One import, in the order that neither loses nor doubles an upload: the home settles, is locked read-only and
 * paired; the messages are published and confirmed; "published" goes to the state file; then the imported files
 * are deleted, the home unlocked, the lock file made again and the user's logs written; last, the log position.
 * A crash before the state write repeats the messages with the same {@code message_id}s; after it, the clean-up is
 * finished without publishing again. The original cleaned up first, so a failed publish lost the upload.
 */
final class FtpMonitorImport {

    private static final Logger LOG = LoggerFactory.getLogger(FtpMonitorImport.class);

    private final FtpMonitorSettings settings;
    private final FtpMonitorPublisher publisher;
    private final NtCodec codec;
    private final FtpHomes homes;

    FtpMonitorImport(FtpMonitorSettings settings, FtpMonitorPublisher publisher, NtCodec codec, FtpHomes homes) {
        this.settings = settings;
        this.publisher = publisher;
        this.codec = codec;
        this.homes = homes;
    }

    /**
     * Imports what {@code user} uploaded, for the lock file's deletion logged just before {@code trigger}.
     *
     * @return the state after it: nothing published pending, the position at {@code trigger}
     */
    FtpMonitorState run(String user, FtpUserSwitches switches, FtpMonitorPosition trigger, FtpMonitorState state)
            throws IOException, InterruptedException {
        FtpSettings ftp = settings.ftp();
        FtpMonitorHome home = new FtpMonitorHome(homes.home(user), ftp);
        List<String> changing = new ArrayList<>();
        settle(home, changing);
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
        String importLog = importLog(built, errors);
        String errorLog = errors.isEmpty() ? "" : String.join("\n", errors) + "\n";

        String importId = UUID.nameUUIDFromBytes(("edeposit-ftp-import:" + user + ":" + trigger.device() + ":"
                + trigger.inode() + ":" + trigger.offset()).getBytes(StandardCharsets.UTF_8)).toString();
        List<String> delete = new ArrayList<>(built.sent());
        if (!switches.leaveBadFiles()) {
            delete.addAll(built.bad());
            delete.addAll(plan.rejected());
        }
        if (!(user.equals(state.published()) && importId.equals(state.messageId()))) {
            List<List<FtpMonitorItems.Sized>> messages = split(built.items(), settings.maxMessageBytes());
            for (int i = 0; i < messages.size(); i++) {
                String messageId = messages.size() == 1 ? importId : importId + "-" + (i + 1);
                List<Item> items = new ArrayList<>();
                for (FtpMonitorItems.Sized sized : messages.get(i)) {
                    items.add(sized.load(home));
                }
                byte[] body = codec.encode(new ImportRequest(user, items, importLog, errorLog));
                items = null; // the encoded body is all that is needed now
                publisher.publish(body, messageId);
                LOG.info("import of {} published as {} ({} items, {} bytes)", user, messageId, messages.get(i).size(), body.length);
            }
            state = state.publishedBy(user, importId, delete);
            state.save(settings.stateFile());
        } else {
            LOG.info("import of {} ({}) was published before a restart: finishing its clean-up", user, importId);
            delete = state.cleanup(); // what was sent then, not what this walk of a half-cleaned home says
        }
        home.delete(delete);
        home.lock(false);
        homes.reopen(user); // the home 0775 with its owner and group, and the lock file again
        home.writeLog(ftp.userImportLog(), switches.createImportLog() ? importLog : null);
        home.writeLog(ftp.userErrorLog(), errors.isEmpty() ? null : errorLog);
        state = state.publishedBy(null, null, List.of()).at(trigger);
        state.save(settings.stateFile());
        return state;
    }

    /** Waits until nothing in the home changes for UPLOAD_SETTLE_SECONDS; what still changes at the end is named. */
    private void settle(FtpMonitorHome home, List<String> changing) throws IOException, InterruptedException {
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

    private static String importLog(FtpMonitorItems.Built built, List<String> errors) {
        StringBuilder log = new StringBuilder("Import ").append(Instant.now()).append('\n');
        for (FtpMonitorItems.Sized sized : built.items()) {
            log.append(sized.describe()).append('\n');
        }
        if (!errors.isEmpty()) {
            log.append("Errors: ").append(errors.size()).append(" (see the error log)\n");
        }
        return log.append("Status: ").append(errors.isEmpty() ? "Ok" : "Error").append('\n').toString();
    }
}
