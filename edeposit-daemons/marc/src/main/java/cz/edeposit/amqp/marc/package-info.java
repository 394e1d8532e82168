/**
 * A small MARC bibliographic record model shared by the daemons that read catalogue records
 * (aleph, ltp, marcxml2mods): it reads OAI-MARC (as Aleph X-Services returns it, with Aleph's
 * alphanumeric local tags) and MARC XML (slim), writes MARC XML, and offers the high-level getters
 * of the original {@code marcxml_parser}.
 *
 * <p>It also holds the monograph metadata model ({@link cz.edeposit.amqp.marc.EPublication} and its kin), which
 * aleph extracts from records and the ftp monitor reads from publishers' metadata files, and the ISBN checksum
 * both use.
 *
 * <p>This package depends on nothing but the JDK and Jackson's annotations; it must never depend on a daemon's
 * package.
 */
package cz.edeposit.amqp.marc;
