package cz.edeposit.amqp.ftp;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.ftp.FtpManagerMessages.AddUser;
import cz.edeposit.amqp.ftp.FtpManagerMessages.ChangePassword;
import cz.edeposit.amqp.ftp.FtpManagerMessages.GetUserSettings;
import cz.edeposit.amqp.ftp.FtpManagerMessages.ListRegisteredUsers;
import cz.edeposit.amqp.ftp.FtpManagerMessages.RemoveUser;
import cz.edeposit.amqp.ftp.FtpManagerMessages.SetUserSettings;
import cz.edeposit.amqp.ftp.FtpManagerMessages.UserSettings;
import cz.edeposit.amqp.ftp.FtpManagerMessages.Userlist;
import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.TypeError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The manager's structures have the original's names (the switches upper case), and only the six requests decode. */
class FtpManagerMessagesTest {

    private final NtCodec codec = new NtCodec(FtpManagerMessages.REQUESTS);

    private Object decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheSixRequestsAsPythonSendsThem() {
        assertEquals(new AddUser("alice", "pw"), decode("{\"__nt_name\": \"AddUser\", \"username\": \"alice\", \"password\": \"pw\"}"));
        assertEquals(new RemoveUser("alice"), decode("{\"__nt_name\": \"RemoveUser\", \"username\": \"alice\"}"));
        assertEquals(new ChangePassword("alice", "new"),
                decode("{\"__nt_name\": \"ChangePassword\", \"username\": \"alice\", \"new_password\": \"new\"}"));
        assertEquals(new ListRegisteredUsers(), decode("{\"__nt_name\": \"ListRegisteredUsers\"}"));
        assertEquals(new SetUserSettings("alice", true, false, null, true, false),
                decode("{\"__nt_name\": \"SetUserSettings\", \"username\": \"alice\", \"SAME_NAME_DIR_PAIRING\": true,"
                        + " \"SAME_DIR_PAIRING\": false, \"ISBN_PAIRING\": null, \"CREATE_IMPORT_LOG\": true, \"LEAVE_BAD_FILES\": false}"));
        assertEquals(new GetUserSettings("alice"), decode("{\"__nt_name\": \"GetUserSettings\", \"username\": \"alice\"}"));
    }

    @Test
    void refusesRepliesForeignNamesAndMissingFields() {
        assertThrows(KeyError.class, () -> decode("{\"__nt_name\": \"Userlist\", \"users\": []}"));
        assertThrows(KeyError.class, () -> decode("{\"__nt_name\": \"ScanFile\", \"filename\": \"x\", \"b64_data\": \"\"}"));
        assertThrows(TypeError.class, () -> decode("{\"__nt_name\": \"AddUser\", \"username\": \"alice\"}"));
        assertThrows(TypeError.class, () -> decode("{\"__nt_name\": \"SetUserSettings\", \"username\": \"alice\"}"));
    }

    @Test
    void encodesTheRepliesWithUpperCaseSwitches() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"__nt_name\": \"UserSettings\", \"username\": \"alice\", \"SAME_NAME_DIR_PAIRING\": true,"
                        + " \"SAME_DIR_PAIRING\": false, \"ISBN_PAIRING\": true, \"CREATE_IMPORT_LOG\": false, \"LEAVE_BAD_FILES\": true}"),
                json.readTree(codec.encodeToString(new UserSettings("alice", true, false, true, false, true))));
        assertEquals(json.readTree("{\"__nt_name\": \"Userlist\", \"users\": [\"alice\", \"bob\"]}"),
                json.readTree(codec.encodeToString(new Userlist(List.of("alice", "bob")))));
        assertEquals("true", codec.encodeToString(true));
    }

    @Test
    void passwordsStayOutOfToString() {
        assertFalse(new AddUser("alice", "Heslo-123").toString().contains("Heslo-123"));
        assertFalse(new ChangePassword("alice", "Heslo-123").toString().contains("Heslo-123"));
    }
}
