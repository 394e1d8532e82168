package cz.edeposit.amqp.marc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a personal name heading ({@code 100}, {@code 600}, {@code 700}, {@code 800}) the way the
 * original parser did, driven by the indicators:
 *
 * <ul>
 *   <li>{@code 1 _} (surname first): {@code a} is split at the first comma, else the first space,
 *       into surname and name; {@code c} is the title;</li>
 *   <li>{@code 0 _} (forename): {@code a} is the name, {@code b} the second name (numeration),
 *       {@code c} stands as the surname (e.g. {@code Karel} / {@code IV.} / {@code král});</li>
 *   <li>{@code 1 0} and {@code 0 0}: {@code a} is the name, {@code c} the title.</li>
 * </ul>
 *
 * Any other indicator pair (a family name, {@code 3 _}; a subject heading with a thesaurus code,
 * {@code 1 7}) is skipped: the original emitted an empty person for it.
 */
final class PersonNames {

    private PersonNames() {
    }

    static List<Person> parse(DataField field) {
        List<Person> out = new ArrayList<>();
        String i1 = field.i1();
        String i2 = field.i2();
        for (String heading : field.values("a")) {
            String value = heading.strip();
            if (i1.equals("1") && i2.equals(" ")) {
                out.add(surnameFirst(value, joined(field, "c")));
            } else if (i1.equals("0") && i2.equals(" ")) {
                out.add(person(value, joined(field, "b"), joined(field, "c"), ""));
            } else if ((i1.equals("1") || i1.equals("0")) && i2.equals("0")) {
                out.add(person(value, "", "", joined(field, "c")));
            }
        }
        return out;
    }

    private static Person surnameFirst(String value, String title) {
        int comma = value.indexOf(',');
        int space = value.indexOf(' ');
        if (comma >= 0) {
            return person(value.substring(comma + 1), "", value.substring(0, comma), title);
        }
        if (space >= 0) {
            return person(value.substring(space + 1), "", value.substring(0, space), title);
        }
        return person("", "", value, title);
    }

    private static Person person(String name, String secondName, String surname, String title) {
        return new Person(name.strip(), secondName.strip(), surname.strip(), title.strip());
    }

    private static String joined(DataField field, String code) {
        return String.join(",", field.values(code));
    }
}
