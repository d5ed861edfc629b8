package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The register keeps every fact once: its history ({@code register_fact_version}) is the only
 * store. Before, each change was written three times — a version, a change-log row and the current
 * row — and a first load of millions of facts spent most of its time doing so. A version is now the
 * change that made it: its {@code version_id} is the change log's sequence, and it carries the change
 * kind and changed fields, and no longer its fact key, which the columns it names give (derived where
 * it is read). {@code register_fact} (the current register: versions not superseded) and
 * {@code register_change} (the change log: every version, {@code seq} = {@code version_id}) become
 * views with the columns the tables had, so readers and watermarks see the same register.
 *
 * <p>Existing data is carried over: every version is matched with its change-log entry (same fact,
 * same extract — each applied extract wrote exactly one of each per fact it touched) and takes that
 * entry's sequence as its id, so watermarks that consumers keep stay valid; the identity continues
 * after the highest. A register where the two do not match one to one is refused rather than guessed
 * at. A Java migration because restarting the identity needs a computed value; the statements are
 * the same on PostgreSQL and H2.
 */
public class V14__Register_history_is_the_only_store extends BaseJavaMigration {

    /**
     * A fact's key from its columns, as {@code StagedRow.factKey} builds it (the same text as the
     * column this migration drops). {@code TO_CHAR}, not a cast: a cast's text follows the session's DateStyle.
     */
    static final String FACT_KEY = "source_system || '|' || personnummer || '|' || benefit || '|' || decision_id || '|'"
            + " || COALESCE(TO_CHAR(payment_date, 'YYYY-MM-DD'), '')";

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            long versions = count(statement, "SELECT COUNT(*) FROM register_fact_version");
            long changes = count(statement, "SELECT COUNT(*) FROM register_change");
            long matched = count(statement, """
                    SELECT COUNT(*) FROM register_fact_version v JOIN register_change c
                    ON c.fact_key = v.fact_key AND c.extract_id = v.extract_id""");
            if (versions != changes || matched != versions) {
                throw new IllegalStateException("register_fact_version (" + versions + " rows) and register_change ("
                        + changes + " rows, " + matched + " matched by fact and extract) do not match one to one;"
                        + " the register cannot be carried over into its single store");
            }
            statement.execute("ALTER TABLE register_fact_version ADD COLUMN change_kind VARCHAR(10)");
            statement.execute("ALTER TABLE register_fact_version ADD COLUMN changed_fields VARCHAR(200)");
            // via negative ids, so that no intermediate id collides with one not yet renumbered
            statement.execute("""
                    UPDATE register_fact_version SET
                        change_kind = (SELECT c.change_kind FROM register_change c
                                       WHERE c.fact_key = register_fact_version.fact_key AND c.extract_id = register_fact_version.extract_id),
                        changed_fields = (SELECT c.changed_fields FROM register_change c
                                          WHERE c.fact_key = register_fact_version.fact_key AND c.extract_id = register_fact_version.extract_id),
                        version_id = -(SELECT c.seq FROM register_change c
                                       WHERE c.fact_key = register_fact_version.fact_key AND c.extract_id = register_fact_version.extract_id)""");
            statement.execute("UPDATE register_fact_version SET version_id = -version_id");
            long next = count(statement, "SELECT COALESCE(MAX(version_id), 0) + 1 FROM register_fact_version");
            statement.execute("ALTER TABLE register_fact_version ALTER COLUMN version_id RESTART WITH " + next);
            statement.execute("ALTER TABLE register_fact_version ALTER COLUMN change_kind SET NOT NULL");
            statement.execute("ALTER TABLE register_fact_version ALTER COLUMN changed_fields SET NOT NULL");
            statement.execute("""
                    ALTER TABLE register_fact_version ADD CONSTRAINT register_fact_version_change_kind_known
                    CHECK (change_kind IN ('NEW', 'CHANGED', 'ENDED', 'WITHDRAWN'))""");

            statement.execute("DROP TABLE register_change");
            statement.execute("DROP TABLE register_fact");
            // One index besides the primary key (the change log's sequence, for windows of it), because
            // a first load of millions of facts builds every index once more: by person and decision —
            // for the current facts, history and change-log entries of a set of persons, and for the
            // merge, which finds a fact by these two (a person has a handful of versions, a decision
            // one, or one per payment) and then by its whole key. Two columns, not three with the
            // benefit: the build sorts millions of entries, and every column compared costs.
            statement.execute("DROP INDEX register_fact_version_by_person");
            statement.execute("DROP INDEX register_fact_version_by_fact");
            // The fact key is derived from the columns it names: storing it made every version ~20 %
            // larger. The views give it as before (RowLoader.FACT_KEY_SQL); the reader builds it in Java.
            statement.execute("ALTER TABLE register_fact_version DROP COLUMN fact_key");
            statement.execute("CREATE INDEX register_fact_version_by_person ON register_fact_version (personnummer, decision_id)");
            statement.execute("CREATE VIEW register_fact AS SELECT " + FACT_KEY + " AS fact_key, personnummer,"
                    + " protected_identity, source_system, benefit_family, benefit, decision_id, period_from, period_to,"
                    + " extent, amount, amount_type, payment_date, paid_amount, status, source_changed_at, extract_id,"
                    + " recorded_at FROM register_fact_version WHERE superseded_at IS NULL");
            statement.execute("CREATE VIEW register_change AS SELECT version_id AS seq, " + FACT_KEY + " AS fact_key,"
                    + " personnummer, source_system, benefit, decision_id, payment_date, change_kind, changed_fields,"
                    + " extract_id, recorded_at FROM register_fact_version");

            // the merge orders an extract's changes by the line they came from, and supersedes the
            // version its diff found by that version's id
            statement.execute("ALTER TABLE register_diff ADD COLUMN line_no BIGINT");
            statement.execute("ALTER TABLE register_diff ADD COLUMN current_version_id BIGINT");
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
