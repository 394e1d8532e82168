package cz.edeposit.amqp.marc;

/** What kind of resource a record describes, as far as the daemons need to tell. */
public enum PublicationType {
    /** A single-part monograph. */
    MONOGRAPHIC,
    /** A part of a multipart monograph, or the set itself. */
    MULTIPART_MONOGRAPH,
    /** A serial or an integrating resource (a periodical, a web site). */
    CONTINUING
}
