/**
 * Our MARC 21 to MODS 3.4 mapping for e-deposit ({@link cz.edeposit.amqp.mods.MarcToMods}), whose documents
 * are valid by construction, and the MODS 3.4 schema of the Library of Congress, compiled offline from the
 * jar ({@link cz.edeposit.amqp.mods.ModsSchema}): the tests hold the mapping to it, and ltp validates the MODS
 * it changes with it.
 *
 * <p>This package depends on the MARC model ({@code cz.edeposit.amqp.marc}) and the JDK only; it
 * must never depend on a daemon's package.
 */
package cz.edeposit.amqp.mods;
