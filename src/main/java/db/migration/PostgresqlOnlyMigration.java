package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration of PostgreSQL-only physical settings (unlogged tables, fill factors, collations) that
 * H2 has no equivalent for. It is a Java migration that does nothing on H2, so both databases still
 * list it in their history (Java migrations carry no checksum), which keeps
 * {@code FlywayMigrationsIT}'s comparison exact. Abstract, so Flyway does not take it for a migration.
 */
abstract class PostgresqlOnlyMigration extends BaseJavaMigration {

    @Override
    public final void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            migrateOnPostgresql(statement);
        }
    }

    /** The statements to run, on PostgreSQL only, in the migration's transaction. */
    abstract void migrateOnPostgresql(Statement statement) throws Exception;
}
