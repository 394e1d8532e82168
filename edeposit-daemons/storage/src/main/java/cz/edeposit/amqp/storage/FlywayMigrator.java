package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.daemon.ClassArchiveDump;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The schema's migrator: Flyway with the scripts of {@link Migrator#LOCATION}. Only this class names
 * Flyway, and StorageDatabase reaches it through a lambda, so that a start on a current schema
 * ({@link SchemaHistory}) loads none of Flyway's classes (about 500 with what they load).
 */
final class FlywayMigrator {

    private FlywayMigrator() {
    }

    /**
     * Migrates and validates; a FlywayException becomes an IllegalStateException. Unlike Flyway's
     * default ({@code *:future} ignored), a migration this jar does not know (one a newer daemon
     * applied, successfully or not) fails the validation: this daemon would write rows that schema
     * does not expect. Flyway's classes stay out of the launcher's class archive: later starts find
     * the schema current and never load them.
     */
    static void migrate(DataSource dataSource) {
        ClassArchiveDump.disown();
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:" + Migrator.LOCATION)
                    .ignoreMigrationPatterns(new String[0]).load().migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException(oneLine(e), e);
        }
    }

    /**
     * Flyway's reason on one line: a validation's message is several lines (what failed, then the
     * versions and checksums), all of which an operator needs; its advertisement is left out. A
     * failure with a cause (SQL, connection) gives the cause's first line.
     */
    static String oneLine(FlywayException e) {
        if (e.getCause() != null || e.getMessage() == null) {
            return StorageDatabase.rootMessage(e);
        }
        return e.getMessage().lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("Need more flexibility"))
                .collect(Collectors.joining("; "));
    }
}
