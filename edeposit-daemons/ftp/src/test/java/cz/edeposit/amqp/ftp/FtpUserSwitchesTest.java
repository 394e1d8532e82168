package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.ftp.FtpManagerMessages.SetUserSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The gecos encoding of a user's switches, in the order of the original's _ALLOWED_MERGES. */
class FtpUserSwitchesTest {

    @Test
    void eachPositionIsOneSwitchInTheOriginalsOrder() {
        assertEquals(new FtpUserSwitches(false, true, true, true, true), FtpUserSwitches.fromGecos("ftttt"));
        assertEquals(new FtpUserSwitches(true, false, true, true, true), FtpUserSwitches.fromGecos("tfttt"));
        assertEquals(new FtpUserSwitches(true, true, false, true, true), FtpUserSwitches.fromGecos("ttftt"));
        assertEquals(new FtpUserSwitches(true, true, true, false, true), FtpUserSwitches.fromGecos("tttft"));
        assertEquals(new FtpUserSwitches(true, true, true, true, false), FtpUserSwitches.fromGecos("ttttf"));
        assertEquals("tftff", new FtpUserSwitches(true, false, true, false, false).gecos());
    }

    @Test
    void anEmptyGecosIsEverySwitchOnAsTheOriginalsAddUserLeftIt() {
        assertEquals(FtpUserSwitches.ALL_ON, FtpUserSwitches.fromGecos(""));
        assertEquals("ttttt", FtpUserSwitches.ALL_ON.gecos());
    }

    @Test
    void refusesAGecosThatIsNotFiveSwitches() {
        for (String gecos : new String[] {"tttt", "tttttt", "John Smith", "TTTTT", "ttt1t"}) {
            assertThrows(IllegalArgumentException.class, () -> FtpUserSwitches.fromGecos(gecos), gecos);
        }
    }

    @Test
    void aSetRequestReplacesTheSwitchesItGivesAndKeepsTheNullOnes() {
        FtpUserSwitches stored = FtpUserSwitches.fromGecos("tftft")
                .with(new SetUserSettings("alice", false, null, null, true, false));
        assertEquals("ffttf", stored.gecos(), "t f t f t with f . . t f");
    }
}
