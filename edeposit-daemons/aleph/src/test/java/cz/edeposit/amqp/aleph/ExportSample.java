package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.EPublication;

import cz.edeposit.amqp.marc.Isbn;

import java.util.ArrayList;
import java.util.List;

/** An {@link EPublication} as the portal builds it for an export (strings, not lists), changeable field by field. */
final class ExportSample {

    Object isbn = "978-80-7422-551-2";
    List<String> invalidIsbn = List.of();
    String idNumber;
    String nazev = "Zahrady jižní Moravy";
    String podnazev = "průvodce po zámeckých parcích";
    String vazba = "online";
    String cena = "249";
    String castDil = "";
    String nazevCasti = "";
    String nakladatelVydavatel = "Nakladatelství Lipka";
    String datumVydani = "2016";
    String poradiVydani = "1. vydání";
    String zpracovatelZaznamu = "Nakladatelství Lipka";
    String format = "pdf";
    Object url = "http://www.lipka-nakladatelstvi.cz/zahrady";
    String mistoVydani = "Brno";
    Object isbnSouboruPublikaci = "";
    List<Object> autori = new ArrayList<>(List.of("Lipková", "Horák"));
    List<String> originaly = List.of();
    Object internalUrl = "https://edeposit.nkp.cz/producents/lipka/epublications/zahrady";
    String anotace = "Průvodce po parcích jižní Moravy.";

    EPublication build() {
        return new EPublication(isbn, invalidIsbn, idNumber, nazev, podnazev, vazba, cena, castDil, nazevCasti,
                nakladatelVydavatel, datumVydani, poradiVydani, zpracovatelZaznamu, format, url, mistoVydani,
                isbnSouboruPublikaci, autori, originaly, internalUrl, anotace);
    }
}
