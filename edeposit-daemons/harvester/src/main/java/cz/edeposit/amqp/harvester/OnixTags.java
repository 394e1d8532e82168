package cz.edeposit.amqp.harvester;

import java.util.Map;

/** ONIX for Books 3.0 short tags and the reference names the harvester reads, so that both tag sets parse alike. */
final class OnixTags {

    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("product", "Product"), Map.entry("a002", "NotificationType"),
            Map.entry("productidentifier", "ProductIdentifier"), Map.entry("b221", "ProductIDType"),
            Map.entry("b244", "IDValue"), Map.entry("b012", "ProductForm"),
            Map.entry("titledetail", "TitleDetail"), Map.entry("b202", "TitleType"),
            Map.entry("titleelement", "TitleElement"), Map.entry("b203", "TitleText"), Map.entry("b029", "Subtitle"),
            Map.entry("contributor", "Contributor"), Map.entry("b035", "ContributorRole"),
            Map.entry("b036", "PersonName"), Map.entry("b037", "PersonNameInverted"),
            Map.entry("b057", "EditionNumber"), Map.entry("language", "Language"), Map.entry("b253", "LanguageRole"),
            Map.entry("b252", "LanguageCode"), Map.entry("extent", "Extent"), Map.entry("b218", "ExtentType"),
            Map.entry("b219", "ExtentValue"), Map.entry("b220", "ExtentUnit"),
            Map.entry("textcontent", "TextContent"), Map.entry("x426", "TextType"), Map.entry("d104", "Text"),
            Map.entry("publisher", "Publisher"), Map.entry("b081", "PublisherName"),
            Map.entry("b209", "CityOfPublication"), Map.entry("publishingdate", "PublishingDate"),
            Map.entry("x448", "PublishingDateRole"), Map.entry("b306", "Date"), Map.entry("price", "Price"),
            Map.entry("j151", "PriceAmount"), Map.entry("j152", "CurrencyCode"), Map.entry("b049", "CorporateName"));

    private OnixTags() {
    }

    /** The reference name of a tag of either set; unknown tags come back unchanged. */
    static String reference(String tag) {
        return SHORT.getOrDefault(tag, tag);
    }
}
