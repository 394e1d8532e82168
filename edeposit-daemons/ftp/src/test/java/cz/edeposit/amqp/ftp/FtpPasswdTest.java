package cz.edeposit.amqp.ftp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The passwd codec against lines written by the real ftpasswd of Debian's proftpd-core 1.3.8. */
class FtpPasswdTest {

    /**
     * Written by {@code ftpasswd --passwd --name N --home /home/ftp/N --shell /bin/false --uid 2000 --gid 2000 --stdin}
     * (its default SHA-256; {@code --gecos tftff} for bob; {@code --sha512} for carol; {@code --md5} for dave), with the
     * passwords of {@link #PASSWORDS}.
     */
    static final String FTPASSWD = """
            alice:$5$GLi2F3wNnYUepYdT$p0qZOvMHQI9vTetTTZXuU7La0Pbe5ijpX8M.bjxfiFA:2000:2000::/home/ftp/alice:/bin/false
            bob.smith-2:$5$HgrTRLZlOUHY09iM$fr8ufJ3ftGGaBNSpWUidSyYXUM5bRkzdx0rIzXq58m9:2000:2000:tftff:/home/ftp/bob.smith-2:/bin/false
            carol_3:$6$TipDoq75Rci8SeHy$R.hBbYx62hhJ4kJGUSbwvz0LPwVFqv.Ug3ksk9J.yjXEimeGUnZSt2hXSqkCkHsE7FKTEV6gF7/uxd./3ADms0:2000:2000::/home/ftp/carol_3:/bin/false
            dave:$1$lyf48uoc$bHxzwRybesGm9/u05oPH6/:2000:2000::/home/ftp/alice:/bin/false
            """;

    static final List<String> PASSWORDS = List.of("Heslo-123", "pass:word with spaces", "Žluťoučký kůň", "md5pass");

    @Test
    void readsTheEntriesFtpasswdWritesAndWritesThemBackUnchanged() {
        FtpPasswd passwd = FtpPasswd.parse(FTPASSWD);
        assertEquals(List.of("alice", "bob.smith-2", "carol_3", "dave"), passwd.entries().stream().map(FtpPasswdEntry::name).toList());
        FtpPasswdEntry bob = passwd.find("bob.smith-2").orElseThrow();
        assertEquals("tftff", bob.gecos());
        assertEquals("2000", bob.uid());
        assertEquals("/home/ftp/bob.smith-2", bob.home());
        assertEquals("/bin/false", bob.shell());
        assertEquals(FTPASSWD, passwd.format());
        assertEquals(List.of(), passwd.notUnderstood());
    }

    @Test
    void checksTheSha256Sha512AndMd5HashesOfFtpasswd() {
        List<FtpPasswdEntry> entries = FtpPasswd.parse(FTPASSWD).entries();
        for (int i = 0; i < entries.size(); i++) {
            assertTrue(FtpPasswords.matches(PASSWORDS.get(i), entries.get(i).hash()), entries.get(i).name());
            assertFalse(FtpPasswords.matches(PASSWORDS.get(i) + "x", entries.get(i).hash()), entries.get(i).name());
        }
    }

    @Test
    void newHashesAreSha512CryptWithARandomSaltThatCryptChecks() {
        String first = FtpPasswords.hash("Heslo-123");
        String second = FtpPasswords.hash("Heslo-123");
        assertTrue(first.matches("\\$6\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{86}"), first);
        assertFalse(first.equals(second), "a random salt each time");
        assertTrue(FtpPasswords.matches("Heslo-123", first));
        assertFalse(FtpPasswords.matches("heslo-123", first));
        assertFalse(FtpPasswords.matches("anything", "*"), "a locked account matches nothing");
        assertFalse(FtpPasswords.matches("anything", "$6$bad salt!$x"));
    }

    @Test
    void keepsLinesItDoesNotUnderstandInPlaceAndNamesThem() {
        String text = "# accounts of the e-deposit\n" + "alice:x:2000:2000::/home/ftp/alice:/bin/false\n" + "\n"
                + "broken line without fields\n" + "eve:x:notanumber:2000::/home/ftp/eve:/bin/false\n"
                + "bob:x:2000:2000:tttff:/home/ftp/bob:/bin/false\n";
        FtpPasswd passwd = FtpPasswd.parse(text);
        assertEquals(List.of("alice", "bob"), passwd.entries().stream().map(FtpPasswdEntry::name).toList());
        assertEquals(List.of("line 4: broken line without fields", "line 5: eve:x:notanumber:2000::/home/ftp/eve:/bin/false"),
                passwd.notUnderstood());
        FtpPasswd changed = passwd.without("alice").with(new FtpPasswdEntry("carol", "h", "2000", "2000", "", "/home/ftp/carol", "/bin/false"));
        assertEquals("# accounts of the e-deposit\n\nbroken line without fields\neve:x:notanumber:2000::/home/ftp/eve:/bin/false\n"
                + "bob:x:2000:2000:tttff:/home/ftp/bob:/bin/false\ncarol:h:2000:2000::/home/ftp/carol:/bin/false\n", changed.format());
    }

    @Test
    void replacesAnEntryInPlaceAndEndsTheLastLine() {
        FtpPasswd passwd = FtpPasswd.parse("a:x:1:1::/h/a:/bin/false\nb:y:1:1::/h/b:/bin/false");
        FtpPasswd changed = passwd.with(passwd.find("a").orElseThrow().withHash("z").withGecos("fffff"));
        assertEquals("a:z:1:1:fffff:/h/a:/bin/false\nb:y:1:1::/h/b:/bin/false\n", changed.format());
        assertEquals("", FtpPasswd.EMPTY.format());
        assertEquals(FtpPasswd.EMPTY.format(), FtpPasswd.parse("").format());
    }
}
