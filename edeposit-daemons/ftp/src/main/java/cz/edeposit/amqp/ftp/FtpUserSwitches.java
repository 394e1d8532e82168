package cz.edeposit.amqp.ftp;

/**
 * A user's own import switches, and their encoding in the gecos field of the passwd entry: five {@code t}/{@code f}
 * characters in the order of the original's {@code _ALLOWED_MERGES}, so that a passwd file the original managed
 * keeps its meaning.
 */
record FtpUserSwitches(boolean sameNameDirPairing, boolean sameDirPairing, boolean isbnPairing,
                       boolean createImportLog, boolean leaveBadFiles) {

    /** Every switch on: what an empty gecos means (the original's AddUser left it empty). */
    static final FtpUserSwitches ALL_ON = new FtpUserSwitches(true, true, true, true, true);

    /**
     * The switches a gecos field holds: empty is {@link #ALL_ON}.
     *
     * @throws IllegalArgumentException when it is neither empty nor five {@code t}/{@code f} characters
     */
    static FtpUserSwitches fromGecos(String gecos) {
        if (gecos.isEmpty()) {
            return ALL_ON;
        }
        if (!gecos.matches("[tf]{5}")) {
            throw new IllegalArgumentException("the gecos field '" + gecos + "' is not five t/f switches");
        }
        return new FtpUserSwitches(gecos.charAt(0) == 't', gecos.charAt(1) == 't', gecos.charAt(2) == 't',
                gecos.charAt(3) == 't', gecos.charAt(4) == 't');
    }

    /** The gecos field: SAME_NAME_DIR_PAIRING, SAME_DIR_PAIRING, ISBN_PAIRING, CREATE_IMPORT_LOG, LEAVE_BAD_FILES. */
    String gecos() {
        return flag(sameNameDirPairing) + flag(sameDirPairing) + flag(isbnPairing) + flag(createImportLog)
                + flag(leaveBadFiles);
    }

    /** These switches with each non-null value of {@code request} replacing the one here. */
    FtpUserSwitches with(FtpManagerMessages.SetUserSettings request) {
        return new FtpUserSwitches(pick(request.sameNameDirPairing(), sameNameDirPairing),
                pick(request.sameDirPairing(), sameDirPairing), pick(request.isbnPairing(), isbnPairing),
                pick(request.createImportLog(), createImportLog), pick(request.leaveBadFiles(), leaveBadFiles));
    }

    private static boolean pick(Boolean given, boolean current) {
        return given == null ? current : given;
    }

    private static String flag(boolean on) {
        return on ? "t" : "f";
    }
}
