package cz.edeposit.amqp.pdfgen;

import com.fasterxml.jackson.annotation.JsonProperty;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

/**
 * The pdfgen structures as they travel on the wire (docs/pdfgen.md, "Messages"), and its decode allow-list.
 */
public final class PdfgenMessages {

    /** The licence agreement of a publisher: the operator's template with these six values; answered by {@link PDF}. */
    public record GenerateContract(String firma, @JsonProperty("pravni_forma") String pravniForma, String sidlo,
                                   String ic, String dic, String zastoupen) {
    }

    /**
     * The printout of a submitted form; answered by {@link PDF}. Every value is whatever the portal has
     * (a string, a number, a boolean, null or a list of {@code {id, title}} objects), so each is declared
     * as any JSON value and rendered by {@link ReviewValues}.
     */
    public record GenerateReview(Object nazev, Object podnazev, Object cast,
                                 @JsonProperty("nazev_casti") Object nazevCasti, Object isbn,
                                 @JsonProperty("isbn_souboru_publikaci") Object isbnSouboruPublikaci,
                                 @JsonProperty("generated_isbn") Object generatedIsbn,
                                 Object author1, Object author2, Object author3,
                                 @JsonProperty("poradi_vydani") Object poradiVydani,
                                 @JsonProperty("misto_vydani") Object mistoVydani,
                                 @JsonProperty("rok_vydani") Object rokVydani,
                                 @JsonProperty("nakladatel_vydavatel") Object nakladatelVydavatel,
                                 @JsonProperty("vydano_v_koedici_s") Object vydanoVKoediciS,
                                 Object cena, Object anotace,
                                 @JsonProperty("libraries_accessing") Object librariesAccessing,
                                 @JsonProperty("libraries_that_can_access") Object librariesThatCanAccess,
                                 @JsonProperty("is_public") Object isPublic, Object url,
                                 @JsonProperty("offer_to_riv") Object offerToRiv,
                                 @JsonProperty("category_for_riv") Object categoryForRiv,
                                 @JsonProperty("zpracovatel_zaznamu") Object zpracovatelZaznamu,
                                 Object format, Object filename,
                                 @JsonProperty("internal_url") Object internalUrl) {
    }

    /** reST (the subset of docs/pdfgen.md) rendered with an rst2pdf JSON {@code style}; answered by {@link PDF}. */
    public record RST2PDF(@JsonProperty("rst_content") String rstContent, String style, String header, String footer) {
    }

    /** The reply: the whole PDF, base64-encoded. */
    public record PDF(@JsonProperty("b64_content") String b64Content) {
    }

    /** The only structures a request to pdfgen may contain; {@code header} and {@code footer} default to null. */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(
            MessageType.of(GenerateContract.class),
            MessageType.of(GenerateReview.class),
            MessageType.of(RST2PDF.class).withDefault("header", null).withDefault("footer", null));

    private PdfgenMessages() {
    }
}
