/**
 * Our MARC 21 to MODS 3.4 mapping for e-deposit ({@link cz.edeposit.amqp.mods.MarcToMods}) and the
 * MODS 3.4 schema of the Library of Congress, compiled offline from the jar
 * ({@link cz.edeposit.amqp.mods.ModsSchema}); shared by marcxml2mods and, later, ltp.
 *
 * <p>This package depends on the MARC model ({@code cz.edeposit.amqp.marc}) and the JDK only; it
 * must never depend on a daemon's package.
 */
package cz.edeposit.amqp.mods;
