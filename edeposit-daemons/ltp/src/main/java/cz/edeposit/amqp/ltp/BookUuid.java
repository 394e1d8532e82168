package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.wire.ValueError;

import java.util.regex.Pattern;

/**
 * A publication's UUID as Plone writes it (32 hex digits) or in the 8-4-4-4-12 form: the only text
 * of a request that becomes part of a path, so nothing else passes (the original let {@code ../} through).
 */
final class BookUuid {

    private static final Pattern FORM = Pattern.compile(
            "[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private BookUuid() {
    }

    /** {@code uuid} itself when it is one of the two forms; a {@code ValueError} otherwise. */
    static String check(String uuid) {
        if (uuid == null || !FORM.matcher(uuid).matches()) {
            throw new ValueError("book_uuid must be a UUID (32 hex digits, or 8-4-4-4-12 with dashes), not "
                    + Printable.of(uuid));
        }
        return uuid;
    }
}
