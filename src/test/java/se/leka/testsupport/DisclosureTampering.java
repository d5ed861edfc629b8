package se.leka.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How a test edits the disclosure log behind its back — as an intruder with database access would —
 * to show that verification finds it. On PostgreSQL the append-only triggers are disabled for the
 * statements (in the test's own schema) and enabled again.
 */
public final class DisclosureTampering {

    private DisclosureTampering() {
    }

    /** Runs {@code statements} on the disclosure log's tables ({@code disclosure_record}, {@code disclosure_batch}). */
    public static void tamper(JdbcClient jdbc, String... statements) {
        boolean pg = TestDatabases.onPostgres();
        if (pg) {
            jdbc.sql("ALTER TABLE disclosure_record DISABLE TRIGGER disclosure_record_append_only").update();
            jdbc.sql("ALTER TABLE disclosure_batch DISABLE TRIGGER disclosure_batch_append_only").update();
        }
        try {
            for (String sql : statements) {
                jdbc.sql(sql).update();
            }
        } finally {
            if (pg) {
                jdbc.sql("ALTER TABLE disclosure_record ENABLE TRIGGER disclosure_record_append_only").update();
                jdbc.sql("ALTER TABLE disclosure_batch ENABLE TRIGGER disclosure_batch_append_only").update();
            }
        }
    }

    /**
     * Changes one shared field of row {@code seq} alone: the row is moved into a copy of its batch
     * (id {@code -seq}) whose {@code column} says {@code value}. Returns the row's own batch, for {@link #restore}.
     */
    public static long forge(JdbcClient jdbc, long seq, String column, String value) {
        long batch = jdbc.sql("SELECT batch_id FROM disclosure_record WHERE seq = ?").param(seq).query(Long.class).single();
        tamper(jdbc,
                "INSERT INTO disclosure_batch (batch_id, disclosed_at, recipient_org, agent_org, purpose_code, legal_basis_id, "
                        + "statute_reference, benefit_families, agreement_id, file_name, job_execution_id, information_type, records) "
                        + "SELECT " + (-seq) + ", disclosed_at, recipient_org, agent_org, purpose_code, legal_basis_id, statute_reference, "
                        + "benefit_families, agreement_id, file_name, job_execution_id, information_type, 1 "
                        + "FROM disclosure_batch WHERE batch_id = " + batch,
                "UPDATE disclosure_batch SET " + column + " = '" + value.replace("'", "''") + "' WHERE batch_id = " + (-seq),
                "UPDATE disclosure_record SET batch_id = " + (-seq) + " WHERE seq = " + seq);
        return batch;
    }

    /** Undoes {@link #forge}: row {@code seq} back in {@code batch}, the forged copy removed. */
    public static void restore(JdbcClient jdbc, long seq, long batch) {
        tamper(jdbc, "UPDATE disclosure_record SET batch_id = " + batch + " WHERE seq = " + seq,
                "DELETE FROM disclosure_batch WHERE batch_id = " + (-seq));
    }
}
