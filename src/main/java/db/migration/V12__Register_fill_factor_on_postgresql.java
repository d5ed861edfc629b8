package db.migration;

import java.sql.Statement;

/**
 * On PostgreSQL the current register ({@code register_fact}) and its history
 * ({@code register_fact_version}) leave 10 % of every page free. A delta updates facts in place
 * (the current row) and closes their current version ({@code superseded_at}); neither touches an
 * indexed column, so with room on the page PostgreSQL makes these HOT updates — no new index
 * entries — which is most of what a 50,000-row delta against millions of facts costs otherwise.
 * Applies to pages written from now on (an existing register keeps its layout until rewritten, e.g.
 * {@code VACUUM FULL}). H2 has no fill factor ({@link PostgresqlOnlyMigration}).
 */
public class V12__Register_fill_factor_on_postgresql extends PostgresqlOnlyMigration {

    @Override
    void migrateOnPostgresql(Statement statement) throws Exception {
        statement.execute("ALTER TABLE register_fact SET (fillfactor = 90)");
        statement.execute("ALTER TABLE register_fact_version SET (fillfactor = 90)");
    }
}
