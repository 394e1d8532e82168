package cz.edeposit.amqp.storage;

import javax.sql.DataSource;

/**
 * What brings the index's schema to this version: Flyway ({@link FlywayMigrator}), the one way of
 * migrating; a seam so that a test can count whether it was asked at all.
 */
interface Migrator {

    /** The directory of the migration scripts on the class path, and Flyway's location. */
    String LOCATION = "db/storage";

    /**
     * Migrates (and validates) the schema of {@code dataSource}.
     *
     * @throws IllegalStateException when it cannot, with a one-line reason
     */
    void migrate(DataSource dataSource);
}
