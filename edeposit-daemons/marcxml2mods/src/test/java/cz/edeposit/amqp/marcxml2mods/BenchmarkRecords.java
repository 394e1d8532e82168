package cz.edeposit.amqp.marcxml2mods;

import java.util.Locale;

/** A request of many e-book records of about the size of a real catalogue record (about 30 fields), for the benchmarks. */
final class BenchmarkRecords {

    private BenchmarkRecords() {
    }

    static String record(int n) {
        return String.format(Locale.ROOT, """
                <record><leader>00000nam a2200000 i 4500</leader>
                <controlfield tag="001">bench%08d</controlfield><controlfield tag="003">CZ-TsT</controlfield>
                <controlfield tag="005">20230105120000.0</controlfield><controlfield tag="007">cr</controlfield>
                <controlfield tag="008">230105s2023    xr a   eo f    001 0 cze d</controlfield>
                <datafield tag="015" ind1=" " ind2=" "><subfield code="a">cnb%09d</subfield></datafield>
                <datafield tag="020" ind1=" " ind2=" "><subfield code="a">978-80-000-%04d-1</subfield><subfield code="q">(PDF)</subfield></datafield>
                <datafield tag="035" ind1=" " ind2=" "><subfield code="a">(OCoLC)%d</subfield></datafield>
                <datafield tag="040" ind1=" " ind2=" "><subfield code="a">TST001</subfield><subfield code="b">cze</subfield><subfield code="e">rda</subfield></datafield>
                <datafield tag="041" ind1="1" ind2=" "><subfield code="a">cze</subfield><subfield code="h">eng</subfield></datafield>
                <datafield tag="072" ind1=" " ind2="7"><subfield code="a">004</subfield><subfield code="x">Počítače</subfield><subfield code="2">Konspekt</subfield></datafield>
                <datafield tag="080" ind1=" " ind2=" "><subfield code="a">004.43</subfield><subfield code="2">MRF</subfield></datafield>
                <datafield tag="080" ind1=" " ind2=" "><subfield code="a">(035)</subfield><subfield code="2">MRF</subfield></datafield>
                <datafield tag="100" ind1="1" ind2=" "><subfield code="a">Nováková, Jana,</subfield><subfield code="d">1970-</subfield><subfield code="4">aut</subfield></datafield>
                <datafield tag="245" ind1="1" ind2="0"><subfield code="a">Kniha číslo %d :</subfield><subfield code="b">příručka pro zkoušky /</subfield><subfield code="c">Jana Nováková</subfield></datafield>
                <datafield tag="250" ind1=" " ind2=" "><subfield code="a">1. vydání</subfield></datafield>
                <datafield tag="264" ind1=" " ind2="1"><subfield code="a">Praha :</subfield><subfield code="b">Testovací nakladatelství,</subfield><subfield code="c">2023</subfield></datafield>
                <datafield tag="300" ind1=" " ind2=" "><subfield code="a">1 online zdroj (250 stran) :</subfield><subfield code="b">ilustrace</subfield></datafield>
                <datafield tag="500" ind1=" " ind2=" "><subfield code="a">Obsahuje rejstřík</subfield></datafield>
                <datafield tag="504" ind1=" " ind2=" "><subfield code="a">Obsahuje bibliografii a bibliografické odkazy</subfield></datafield>
                <datafield tag="546" ind1=" " ind2=" "><subfield code="a">Přeloženo z angličtiny</subfield></datafield>
                <datafield tag="650" ind1="0" ind2="7"><subfield code="a">příkazové řádky</subfield><subfield code="2">czenas</subfield></datafield>
                <datafield tag="650" ind1="0" ind2="7"><subfield code="a">operační systémy</subfield><subfield code="2">czenas</subfield></datafield>
                <datafield tag="650" ind1="0" ind2="9"><subfield code="a">operating systems</subfield><subfield code="2">eczenas</subfield></datafield>
                <datafield tag="655" ind1=" " ind2="7"><subfield code="a">příručky</subfield><subfield code="2">czenas</subfield></datafield>
                <datafield tag="655" ind1=" " ind2="9"><subfield code="a">handbooks, manuals, etc.</subfield><subfield code="2">eczenas</subfield></datafield>
                <datafield tag="700" ind1="1" ind2=" "><subfield code="a">Malý, Petr</subfield><subfield code="4">trl</subfield></datafield>
                <datafield tag="710" ind1="2" ind2=" "><subfield code="a">Testovací nakladatelství</subfield></datafield>
                <datafield tag="856" ind1="4" ind2="0"><subfield code="u">http://example.org/e-books/%d.pdf</subfield></datafield>
                <datafield tag="856" ind1="4" ind2="2"><subfield code="u">http://example.org/</subfield></datafield>
                </record>
                """, n, n, n % 10000, n, n, n);
    }

    static String collection(int records) {
        StringBuilder out = new StringBuilder("<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n");
        for (int i = 1; i <= records; i++) {
            out.append(record(i));
        }
        return out.append("</collection>\n").toString();
    }
}
