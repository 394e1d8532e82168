package cz.edeposit.amqp.ltp;

/** Hand-written catalogue records for the tests, as OAI-MARC (what Aleph gives Plone) or MARC XML. */
final class Records {

    private Records() {
    }

    /** A monograph with ISBN, ČNB number, publisher, 040d and, when {@code creator910} is not null, 910a. */
    static String book(String title, String creator910) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<present><record><metadata><oai_marc>\n"
                + "<fixfield id=\"LDR\">00000nam a2200000 a 4500</fixfield>\n"
                + "<fixfield id=\"001\">test000001</fixfield>\n"
                + "<fixfield id=\"008\">150101s2015    xr            000 0 cze  </fixfield>\n"
                + varfield("015", "a", "cnb002345678")
                + varfield("020", "a", "978-80-7000-000-0 (brož.) :")
                + "<varfield id=\"040\" i1=\" \" i2=\" \"><subfield label=\"a\">ABA001</subfield>"
                + "<subfield label=\"d\">BOA001</subfield><subfield label=\"d\">ABA013</subfield></varfield>\n"
                + "<varfield id=\"245\" i1=\"1\" i2=\"0\"><subfield label=\"a\">" + title + " /</subfield>"
                + "<subfield label=\"c\">Jan Novák</subfield></varfield>\n"
                + "<varfield id=\"260\" i1=\" \" i2=\" \"><subfield label=\"a\">Praha :</subfield>"
                + "<subfield label=\"b\">Nakladatelství Test,</subfield><subfield label=\"c\">2015</subfield></varfield>\n"
                + (creator910 == null ? "" : varfield("910", "a", creator910))
                + "</oai_marc></metadata></record></present>\n";
    }

    /** {@code count} volumes of one work as MARC XML, each with 910a. */
    static String volumes(int count) {
        StringBuilder out = new StringBuilder("<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n");
        for (int i = 1; i <= count; i++) {
            out.append("<record><leader>00000nam a2200000 a 4500</leader>")
                    .append("<controlfield tag=\"001\">vol").append(i).append("</controlfield>")
                    .append("<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\">Svazek ").append(i)
                    .append("</subfield></datafield>")
                    .append("<datafield tag=\"910\" ind1=\" \" ind2=\" \"><subfield code=\"a\">ABA001</subfield>")
                    .append("</datafield></record>\n");
        }
        return out.append("</collection>\n").toString();
    }

    /** A record with neither 910a nor 040d. */
    static String withoutCreator() {
        return "<collection xmlns=\"http://www.loc.gov/MARC21/slim\"><record><leader>00000nam a2200000 a 4500</leader>"
                + "<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\">Bez tvůrce</subfield></datafield>"
                + "</record></collection>";
    }

    private static String varfield(String tag, String code, String value) {
        return "<varfield id=\"" + tag + "\" i1=\" \" i2=\" \"><subfield label=\"" + code + "\">" + value
                + "</subfield></varfield>\n";
    }
}
