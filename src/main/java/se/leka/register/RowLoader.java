package se.leka.register;

import java.time.LocalDateTime;

/**
 * Bulk-loads valid extract rows, on the connection of the current transaction, into one of two
 * {@link Target}s: {@link CopyRowLoader} (PostgreSQL COPY) or {@link JdbcBatchRowLoader} (H2).
 * Rows are streamed through: neither keeps more than one buffer of them.
 */
interface RowLoader {

    /** The columns of a fact in the register's store, in the order both loaders use. */
    String STORE_COLUMNS = "personnummer, protected_identity, source_system, benefit_family, benefit, "
            + "decision_id, period_from, period_to, extent, amount, amount_type, payment_date, paid_amount, status, "
            + "source_changed_at";
    /** The columns of a staged fact: its key first (the store derives it: {@link #factKeySql}). */
    String FACT_COLUMNS = "fact_key, " + STORE_COLUMNS;

    /**
     * SQL for the fact key of the store's row {@code alias}: the text {@link StagedRow#factKey()} builds
     * (the views {@code register_fact} and {@code register_change} give it so, V14). {@code TO_CHAR},
     * not a cast: a cast's text would follow the session's DateStyle.
     */
    static String factKeySql(String alias) {
        return alias + ".source_system || '|' || " + alias + ".personnummer || '|' || " + alias + ".benefit || '|' || "
                + alias + ".decision_id || '|' || COALESCE(TO_CHAR(" + alias + ".payment_date, 'YYYY-MM-DD'), '')";
    }

    /**
     * Where the rows go. {@link #STAGING}: {@code register_staging}, with their line numbers, for the
     * merge to compare with the register. {@link #REGISTER}: straight into the register's store
     * ({@code register_fact_version}) as NEW versions (WITHDRAWN when they arrive withdrawn) of one
     * extract, in line order — the first load of a source system, where there is nothing to compare with.
     */
    enum Target {
        STAGING("register_staging", "line_no, " + FACT_COLUMNS),
        REGISTER("register_fact_version", STORE_COLUMNS + ", change_kind, changed_fields, extract_id, recorded_at");

        final String table;
        final String columns;

        Target(String table, String columns) {
            this.table = table;
            this.columns = columns;
        }
    }

    /** The change a row loaded straight into the register ({@link Target#REGISTER}) records. */
    static String firstLoadChange(StagedRow row) {
        return "WITHDRAWN".equals(row.status()) ? "WITHDRAWN" : "NEW";
    }

    void add(StagedRow row);

    /** Sends what is buffered; returns the number of rows loaded. */
    long finish();

    /** Gives up a load that will not be finished (the transaction is rolled back), releasing what it holds. */
    default void abort() {
    }

    /** For {@link Target#REGISTER}: the extract the versions belong to and when LEKA recorded them (UTC). */
    record Extract(String extractId, LocalDateTime recordedAt) {
    }
}
