/**
 * A small MARC bibliographic record model shared by the daemons that read catalogue records
 * (aleph, ltp, marcxml2mods), and the ISBN checksum that aleph and the ftp monitor share: it reads OAI-MARC (as Aleph X-Services returns it, with Aleph's
 * alphanumeric local tags) and MARC XML (slim), writes MARC XML, and offers the high-level getters
 * of the original {@code marcxml_parser}.
 *
 * <p>This package depends on nothing but the JDK; it must never depend on a daemon's package.
 */
package cz.edeposit.amqp.marc;
