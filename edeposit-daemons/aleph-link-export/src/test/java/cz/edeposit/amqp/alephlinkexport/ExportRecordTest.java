package cz.edeposit.amqp.alephlinkexport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The written-out equals and hashCode of ExportRecord, its Link and ResponseMark mean what a record's own do. */
class ExportRecordTest {

    private static ExportRecord record(String sessionId, String uuid, String docNumber, List<ExportRecord.Link> urls,
                                       String urnNbn, String kramerius) {
        return new ExportRecord(sessionId, uuid, docNumber, urls, urnNbn, kramerius);
    }

    @Test
    void recordsAreEqualExactlyWhenEveryComponentIs() {
        List<ExportRecord.Link> urls = List.of(new ExportRecord.Link("http://s/a.pdf", "pdf"), new ExportRecord.Link("http://s/b", null));
        ExportRecord base = record("s1", "u", "1", urls, "urn", "http://k/1");
        ExportRecord same = record("s1", "u", "1", List.of(new ExportRecord.Link("http://s/a.pdf", "pdf"),
                new ExportRecord.Link("http://s/b", null)), "urn", "http://k/1");
        assertEquals(base, same);
        assertEquals(base.hashCode(), same.hashCode());
        assertEquals(record(null, null, null, List.of(), null, null), record(null, null, null, List.of(), null, null));
        List<ExportRecord> others = List.of(record("s2", "u", "1", urls, "urn", "http://k/1"),
                record("s1", "v", "1", urls, "urn", "http://k/1"), record("s1", "u", "2", urls, "urn", "http://k/1"),
                record("s1", "u", "1", urls.subList(0, 1), "urn", "http://k/1"),
                record("s1", "u", "1", List.of(urls.get(1), urls.get(0)), "urn", "http://k/1"),
                record("s1", "u", "1", List.of(new ExportRecord.Link("http://s/a.pdf", null), urls.get(1)), "urn", "http://k/1"),
                record("s1", "u", "1", urls, null, "http://k/1"), record("s1", "u", "1", urls, "urn", null),
                record(null, "u", "1", urls, "urn", "http://k/1"));
        for (ExportRecord other : others) {
            assertNotEquals(base, other, other.toString());
            assertNotEquals(other, base, other.toString());
        }
        assertNotEquals(base, null);
        assertNotEquals(base, "s1");
    }

    @Test
    void marksAreEqualExactlyWhenEveryComponentIs() {
        ResponseMark base = new ResponseMark("(dev=1,ino=2)", "2026-03-01T10:00:00Z", 10, "ab");
        assertEquals(base, new ResponseMark("(dev=1,ino=2)", "2026-03-01T10:00:00Z", 10, "ab"));
        assertEquals(base.hashCode(), new ResponseMark("(dev=1,ino=2)", "2026-03-01T10:00:00Z", 10, "ab").hashCode());
        for (ResponseMark other : List.of(new ResponseMark("(dev=1,ino=3)", "2026-03-01T10:00:00Z", 10, "ab"),
                new ResponseMark("(dev=1,ino=2)", "2026-03-01T10:00:01Z", 10, "ab"),
                new ResponseMark("(dev=1,ino=2)", "2026-03-01T10:00:00Z", 11, "ab"),
                new ResponseMark("(dev=1,ino=2)", "2026-03-01T10:00:00Z", 10, "ac"),
                new ResponseMark(null, "2026-03-01T10:00:00Z", 10, "ab"))) {
            assertNotEquals(base, other, other.toString());
            assertNotEquals(other, base, other.toString());
        }
    }
}
