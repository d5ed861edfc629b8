package se.leka.register;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What differs between PostgreSQL (production) and H2 (embedded default) for the register import,
 * chosen once by the datasource's database product name: how staging is bulk-loaded (COPY versus
 * JDBC batches), how a work table is emptied inside a transaction, and planner statistics.
 */
@Component
class RegisterDatabase {

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    RegisterDatabase(DataSource dataSource) throws SQLException {
        this.jdbc = new JdbcTemplate(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        }
    }

    boolean isPostgres() {
        return postgres;
    }

    /** A loader into {@code target} on the current transaction's connection ({@code extract}: for {@link RowLoader.Target#REGISTER}). */
    RowLoader openLoader(RowLoader.Target target, RowLoader.Extract extract) {
        return jdbc.execute((Connection connection) -> postgres
                ? new CopyRowLoader(connection, target, extract)
                : new JdbcBatchRowLoader(connection, target, extract));
    }

    /** Empties a work table within the current transaction (H2's TRUNCATE would commit it). */
    void clear(String workTable) {
        jdbc.execute(postgres ? "TRUNCATE TABLE " + workTable : "DELETE FROM " + workTable);
    }

    /**
     * Below this many rows a work table is not analysed: the merge's plans for a few thousand rows
     * (index lookups into the register) do not depend on its statistics — the planner scales the
     * row count to the table's current size anyway — and ANALYZE would cost a delta a few tenths of
     * a second twice. Above it, fresh statistics let a large extract be joined by hashing instead.
     */
    static final long ANALYZE_ABOVE_ROWS = 200_000;

    /** {@link #analyze} of a work table that was just filled with {@code rows} rows, when that many matter. */
    void analyzeWorkTable(String table, long rows) {
        if (rows > ANALYZE_ABOVE_ROWS) {
            analyze(table);
        }
    }

    /** Fresh planner statistics after a bulk change, so joins against the register use the right plan. */
    void analyze(String table) {
        if (postgres) {
            jdbc.execute("ANALYZE " + table);
        }
    }

    /**
     * PostgreSQL: the planner's estimate of {@code table}'s rows (from the last ANALYZE or VACUUM; 0
     * when never analysed) — cheap, where counting millions of rows is not. H2: 0.
     */
    long estimatedRows(String table) {
        if (!postgres) {
            return 0;
        }
        Double rows = jdbc.queryForObject("SELECT reltuples FROM pg_class WHERE relname = ?"
                + " AND relnamespace = current_schema()::regnamespace", Double.class, table);
        return rows == null ? 0 : Math.max(0, rows.longValue());
    }

    /**
     * Planner settings for the current (stage or merge) transaction only — {@code SET LOCAL}, so they end with
     * it and never leak into the pooled connection: memory for its sorts, hashes and index builds, and
     * the cost of a random page read as on a cached or solid-state register (1.1 instead of 4), so that
     * a delta of thousands of rows is joined to millions of facts through their indexes rather than by
     * reading all of them. No JIT compilation: statements estimated at millions of rows pass the
     * server's JIT cost thresholds, and compiling and optimising their expressions costs time per
     * statement that a delta's index-driven statements never win back.
     */
    void tuneBulkTransaction(String workMem, String maintenanceWorkMem) {
        if (postgres) {
            jdbc.execute("SET LOCAL work_mem = '" + workMem + "'");
            jdbc.execute("SET LOCAL maintenance_work_mem = '" + maintenanceWorkMem + "'");
            jdbc.execute("SET LOCAL random_page_cost = 1.1");
            jdbc.execute("SET LOCAL jit = off");
        }
    }

    /**
     * PostgreSQL: drops every index of {@code tables} (primary keys included) in the current
     * transaction and returns the statements that create them again exactly as they were — read from
     * the catalogue, so an index added by a later migration is included. Loading rows into a table
     * without indexes and building them afterwards is several times faster than maintaining them row
     * by row. DDL is transactional in PostgreSQL: if the transaction rolls back, the indexes were never
     * dropped. The tables stay locked (ACCESS EXCLUSIVE) until the transaction ends. H2: does nothing.
     */
    List<String> dropIndexes(List<String> tables) {
        List<String> recreate = new ArrayList<>();
        if (!postgres) {
            return recreate;
        }
        List<String> drop = new ArrayList<>();
        for (String table : tables) {
            jdbc.query("""
                    SELECT i.indexrelid::regclass::text AS index_name, pg_get_indexdef(i.indexrelid) AS index_def,
                           c.conname, pg_get_constraintdef(c.oid) AS constraint_def
                    FROM pg_index i
                    JOIN pg_class t ON t.oid = i.indrelid
                    LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                    WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace
                    ORDER BY i.indisprimary DESC, 1""", rs -> {
                if (rs.getString("conname") != null) {
                    String name = quoted(rs.getString("conname"));
                    drop.add("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
                    recreate.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + rs.getString("constraint_def"));
                } else {
                    drop.add("DROP INDEX " + rs.getString("index_name"));
                    recreate.add(rs.getString("index_def"));
                }
            }, table);
        }
        execute(drop);
        return recreate;
    }

    void execute(List<String> statements) {
        statements.forEach(jdbc::execute);
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

}
