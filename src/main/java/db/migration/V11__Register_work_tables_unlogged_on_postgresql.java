package db.migration;

import java.sql.Statement;

/**
 * On PostgreSQL the register import's work tables ({@code register_staging}, {@code register_diff})
 * are UNLOGGED: they are refilled from the extract file whenever an import (re)starts, so they need
 * no write-ahead log, and COPY into them is much faster. H2 has no unlogged tables
 * ({@link PostgresqlOnlyMigration}).
 */
public class V11__Register_work_tables_unlogged_on_postgresql extends PostgresqlOnlyMigration {

    @Override
    void migrateOnPostgresql(Statement statement) throws Exception {
        statement.execute("ALTER TABLE register_staging SET UNLOGGED");
        statement.execute("ALTER TABLE register_diff SET UNLOGGED");
    }
}
