package cz.edeposit.amqp.ftp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
    void namesAndFindReadTheAccountsOfTheFullReadAndNameTheSameLinesAsNotUnderstood() throws Exception {
        String text = "# accounts\n" + "alice:x:2000:2000::/home/ftp/alice:/bin/false\n" + "\n" + "   \n"
                + ":x:2000:2000::/home/ftp/noname:/bin/false\n" + "nohash::2000:2000::/home/ftp/nohash:/bin/false\n"
                + "eve:x:12345678901:2000::/home/ftp/eve:/bin/false\n" + "eve:x:2000:20a0::/home/ftp/eve:/bin/false\n"
                + "eve:x:2000:::/home/ftp/eve:/bin/false\n" + "eve:x:2000:2000::/home/ftp/eve:/bin/false:more\n"
                + "eve:x:2000:2000::/home/ftp/eve\n" + "bob:x:0:4294967295:" + "g\u017e".repeat(10_000) + ":/home/ftp/bob:/bin/false\r\n"
                + "\u017eofie:x:2000:2000::/home/ftp/zofie:/bin/false\n" + "alice:y:2000:2000:fffff:/home/ftp/alice:/bin/false";
        FtpPasswd passwd = FtpPasswd.parse(text);
        List<String> notUnderstood = new ArrayList<>();
        List<String> names = FtpPasswd.names(in(text), notUnderstood::add);
        assertEquals(List.of("alice", "bob", "\u017eofie", "alice"), names);
        assertEquals(passwd.entries().stream().map(FtpPasswdEntry::name).toList(), names);
        assertEquals(passwd.notUnderstood(), notUnderstood);
        assertEquals(List.of(5, 6, 7, 8, 9, 10, 11), notUnderstood.stream()
                .map(line -> Integer.parseInt(line.substring(5, line.indexOf(':')))).toList());
        assertEquals(text + "\n", passwd.format());
        for (String name : List.of("alice", "bob", "\u017eofie", "zofie", "eve", "ali", "alice:x", "nobody")) {
            List<String> noted = new ArrayList<>();
            assertEquals(passwd.find(name), FtpPasswd.find(in(text), name, noted::add), name);
            assertEquals(passwd.notUnderstood(), noted);
        }
        assertEquals("x", FtpPasswd.find(in(text), "alice", line -> { }).orElseThrow().hash(), "the first alice");
    }

    @Test
    void aLineThatIsNotUtf8FailsTheWholeRead() {
        byte[] latin1 = "alice:x:2000:2000::/home/ftp/alice:/bin/false\nbob:x:2000:2000:Jos\u00e9:/home/ftp/bob:/bin/false\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(CharacterCodingException.class, () -> FtpPasswd.names(new ByteArrayInputStream(latin1), line -> { }));
        assertThrows(CharacterCodingException.class, () -> FtpPasswd.find(new ByteArrayInputStream(latin1), "alice", line -> { }));
        assertThrows(CharacterCodingException.class, () -> FtpPasswd.parse(new ByteArrayInputStream(latin1)));
    }

    @Test
    void linesAcrossTheReadersChunksAreReadWhole() throws Exception {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String name = "nakladatel-" + i;
            expected.add(name);
            text.append(name).append(":$6$").append("h".repeat(i % 300)).append(":2000:2000:ttttt:/home/ftp/").append(name)
                    .append(":/bin/false\n");
        }
        assertEquals(expected, FtpPasswd.names(in(text.toString()), line -> fail(line)));
        assertEquals(text.toString(), FtpPasswd.parse(text.toString()).format());
    }

    @Test
    void replacesAnEntryInPlaceAndEndsTheLastLine() {
        FtpPasswd passwd = FtpPasswd.parse("a:x:1:1::/h/a:/bin/false\nb:y:1:1::/h/b:/bin/false");
        FtpPasswd changed = passwd.with(passwd.find("a").orElseThrow().withHash("z").withGecos("fffff"));
        assertEquals("a:z:1:1:fffff:/h/a:/bin/false\nb:y:1:1::/h/b:/bin/false\n", changed.format());
        assertEquals("", FtpPasswd.EMPTY.format());
        assertEquals(FtpPasswd.EMPTY.format(), FtpPasswd.parse("").format());
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
