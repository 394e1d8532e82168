package cz.edeposit.amqp.ftp;

import com.fasterxml.jackson.annotation.JsonProperty;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

import java.util.List;

/**
 * The ftp manager's structures as they travel on the wire (docs/ftp.md, "Messages"), and its decode allow-list.
 * The switches are upper case on the wire, as the original named them after its settings.
 */
public final class FtpManagerMessages {

    /** Create the account {@code username}: its home, lock file and passwd entry; answered by {@code true}. */
    public record AddUser(String username, String password) {
        @Override
        public String toString() {
            return "AddUser[username=" + username + ", password=(hidden)]";
        }
    }

    /** Delete the account {@code username}: its passwd entry, then its home with everything in it; answered by {@code true}. */
    public record RemoveUser(String username) {
    }

    /** Replace the password of {@code username}; answered by {@code true}. */
    public record ChangePassword(String username, @JsonProperty("new_password") String newPassword) {
        @Override
        public String toString() {
            return "ChangePassword[username=" + username + ", new_password=(hidden)]";
        }
    }

    /** Ask for the names of all accounts; answered by {@link Userlist}. */
    public record ListRegisteredUsers() {
    }

    /**
     * Store the import switches of {@code username} (a null switch keeps its value); answered by the stored
     * {@link UserSettings}.
     */
    public record SetUserSettings(String username,
                                  @JsonProperty("SAME_NAME_DIR_PAIRING") Boolean sameNameDirPairing,
                                  @JsonProperty("SAME_DIR_PAIRING") Boolean sameDirPairing,
                                  @JsonProperty("ISBN_PAIRING") Boolean isbnPairing,
                                  @JsonProperty("CREATE_IMPORT_LOG") Boolean createImportLog,
                                  @JsonProperty("LEAVE_BAD_FILES") Boolean leaveBadFiles) {
    }

    /** Ask for the import switches of {@code username}; answered by {@link UserSettings}. */
    public record GetUserSettings(String username) {
    }

    /** The account names, in the order of the passwd file. */
    public record Userlist(List<String> users) {
    }

    /** The user's own import switches (the monitor ANDs each with the global switch of ftp.json). */
    public record UserSettings(String username,
                               @JsonProperty("SAME_NAME_DIR_PAIRING") boolean sameNameDirPairing,
                               @JsonProperty("SAME_DIR_PAIRING") boolean sameDirPairing,
                               @JsonProperty("ISBN_PAIRING") boolean isbnPairing,
                               @JsonProperty("CREATE_IMPORT_LOG") boolean createImportLog,
                               @JsonProperty("LEAVE_BAD_FILES") boolean leaveBadFiles) {

        static UserSettings of(String username, FtpUserSwitches switches) {
            return new UserSettings(username, switches.sameNameDirPairing(), switches.sameDirPairing(),
                    switches.isbnPairing(), switches.createImportLog(), switches.leaveBadFiles());
        }
    }

    /** The only structures a request to the ftp manager may contain: the six requests. */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(
            MessageType.of(AddUser.class),
            MessageType.of(RemoveUser.class),
            MessageType.of(ChangePassword.class),
            MessageType.of(ListRegisteredUsers.class),
            MessageType.of(SetUserSettings.class),
            MessageType.of(GetUserSettings.class));

    private FtpManagerMessages() {
    }
}
