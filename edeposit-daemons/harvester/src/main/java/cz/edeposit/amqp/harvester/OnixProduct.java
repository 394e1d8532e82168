package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Optionals;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the harvester keeps of one ONIX {@code Product} while it is read, and the {@link Publication} made of it. */
final class OnixProduct {

    String notificationType;
    String isbn;
    String ean;
    String productForm;
    String title;
    String subtitle;
    final List<String> authors = new ArrayList<>();
    String edition;
    String language;
    String pages;
    String description;
    String publisher;
    String city;
    String date;
    String price;

    /** Folds one finished composite ({@code ProductIdentifier}, {@code Contributor}, ...) into the product. */
    void composite(String name, Map<String, String> fields) {
        switch (name) {
            case "ProductIdentifier" -> {
                String type = fields.get("ProductIDType");
                if ("15".equals(type) && isbn == null) {
                    isbn = fields.get("IDValue");
                } else if ("03".equals(type) && ean == null) {
                    ean = fields.get("IDValue");
                }
            }
            case "TitleElement" -> {
                if (title == null) {
                    title = fields.get("TitleText");
                    subtitle = fields.get("Subtitle");
                }
            }
            case "Contributor" -> {
                if ("A01".equals(fields.get("ContributorRole"))) {
                    Optional.ofNullable(fields.get("PersonName")).or(() -> Optional.ofNullable(fields.get("PersonNameInverted")))
                            .or(() -> Optional.ofNullable(fields.get("CorporateName"))).ifPresent(authors::add);
                }
            }
            case "Language" -> {
                if (language == null && !"02".equals(fields.get("LanguageRole"))) {
                    language = fields.get("LanguageCode");
                }
            }
            case "Extent" -> {
                // 00 main content, 11 content page count, 07 total numbered pages: the first one given wins.
                String type = fields.get("ExtentType");
                if (pages == null && ("00".equals(type) || "11".equals(type) || "07".equals(type))
                        && (fields.get("ExtentUnit") == null || "03".equals(fields.get("ExtentUnit")))) {
                    pages = fields.get("ExtentValue");
                }
            }
            case "TextContent" -> {
                if (description == null && "03".equals(fields.get("TextType"))) {
                    description = fields.get("Text");
                }
            }
            case "Publisher" -> {
                if (publisher == null) {
                    publisher = fields.get("PublisherName");
                }
            }
            case "PublishingDate" -> {
                String role = fields.get("PublishingDateRole");
                if (date == null || "01".equals(role)) {
                    date = fields.get("Date");
                }
            }
            case "Price" -> {
                if (price == null && fields.get("PriceAmount") != null) {
                    String currency = fields.get("CurrencyCode");
                    price = fields.get("PriceAmount") + (currency == null ? "" : " " + currency);
                }
            }
            default -> {
                // composites the harvester does not read
            }
        }
    }

    /** Deletions (NotificationType 05) are not new books. */
    boolean deleted() {
        return "05".equals(notificationType);
    }

    Publication publication(String defaultPublisher) {
        boolean ebook = productForm != null && productForm.startsWith("E");
        String isbn13 = isbn == null ? null : HarvesterKeys.isbn13(isbn).orElse(isbn);
        Optionals optionals = new Optionals(subtitle, productForm, date, city, isbn13, description, pages, ean,
                language, edition, null, binding(), ebook).orNull();
        return new Publication(title, price == null ? "" : price, publisher == null ? defaultPublisher : publisher,
                authors.stream().map(name -> new Author(name, null)).toList(), optionals);
    }

    /** ONIX list 150's common print forms; other codes, e-books included, carry no binding. */
    private String binding() {
        if (productForm == null) {
            return null;
        }
        return switch (productForm) {
            case "BB" -> "hardback";
            case "BC" -> "paperback";
            case "BE" -> "spiral bound";
            case "BG" -> "leather";
            default -> null;
        };
    }
}
