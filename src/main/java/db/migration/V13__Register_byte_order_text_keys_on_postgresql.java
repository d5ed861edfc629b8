package db.migration;

import java.sql.Statement;

/**
 * On PostgreSQL the register's text keys — fact key, personnummer, benefit, decision id, source
 * system — compare byte by byte ({@code COLLATE "C"}) in every register table. They are validated
 * ASCII codes and digits, never words, so no linguistic order is wanted; under the database's
 * default collation (e.g. {@code C.UTF-8} or {@code sv_SE.UTF-8}) every comparison in a sort or an
 * index goes through the C library's {@code strcoll} and PostgreSQL does not use abbreviated keys,
 * which made sorting the change log and building the register's indexes several times slower.
 * Byte order is also the order H2 (Java's {@code String.compareTo} on ASCII) and {@code C.UTF-8}
 * give, so the change log's order within an extract stays exactly what it was, and no longer
 * depends on the database's locale. Every table gets the same collation, so that joins and
 * comparisons between them never mix collations. H2 compares strings in that order already
 * ({@link PostgresqlOnlyMigration}).
 */
public class V13__Register_byte_order_text_keys_on_postgresql extends PostgresqlOnlyMigration {

    private static final String[][] COLUMNS = {
            {"fact_key", "VARCHAR(80)"},
            {"personnummer", "VARCHAR(12)"},
            {"source_system", "VARCHAR(10)"},
            {"benefit", "VARCHAR(4)"},
            {"decision_id", "VARCHAR(20)"},
    };

    private static final String[] TABLES = {
            "register_staging", "register_diff", "register_fact", "register_fact_version", "register_change"};

    @Override
    void migrateOnPostgresql(Statement statement) throws Exception {
        for (String table : TABLES) {
            StringBuilder alter = new StringBuilder("ALTER TABLE ").append(table);
            for (int i = 0; i < COLUMNS.length; i++) {
                alter.append(i == 0 ? " " : ", ").append("ALTER COLUMN ").append(COLUMNS[i][0]).append(" TYPE ")
                        .append(COLUMNS[i][1]).append(" COLLATE \"C\"");
            }
            // Same type, other collation: no table rewrite, only the indexes on these columns are rebuilt.
            statement.execute(alter.toString());
        }
    }
}
