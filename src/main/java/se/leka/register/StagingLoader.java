package se.leka.register;

/**
 * Bulk-loads valid extract rows into {@code register_staging}, on the connection of the current
 * transaction: {@link CopyStagingLoader} (PostgreSQL COPY) or {@link JdbcBatchStagingLoader} (H2).
 * Rows are streamed through: neither keeps more than one buffer of them.
 */
interface StagingLoader {

    String COLUMNS = "line_no, fact_key, personnummer, protected_identity, source_system, benefit_family, benefit, "
            + "decision_id, period_from, period_to, extent, amount, amount_type, payment_date, paid_amount, status, "
            + "source_changed_at";

    void add(StagedRow row);

    /** Sends what is buffered; returns the number of rows loaded. */
    long finish();
}
