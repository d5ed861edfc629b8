package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL the register import's work tables ({@code register_staging}, {@code register_diff})
 * are UNLOGGED: they are refilled from the extract file whenever an import (re)starts, so they need
 * no write-ahead log, and COPY into them is much faster. H2 has no unlogged tables, so this is a
 * Java migration that does nothing there; both databases still list it in their history (Java
 * migrations carry no checksum), which keeps {@code FlywayMigrationsIT}'s comparison exact.
 */
public class V11__Register_work_tables_unlogged_on_postgresql extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE register_staging SET UNLOGGED");
            statement.execute("ALTER TABLE register_diff SET UNLOGGED");
        }
    }
}
