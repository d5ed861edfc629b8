package se.leka.register;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step 2 of {@code register-import}: merges the staged extract into the register in one transaction
 * (the step's), with set-based SQL only — rows never pass through the JVM. The register keeps each
 * fact's versions in one store, {@code register_fact_version} (V14): the current register is the
 * versions not superseded, the change log is the versions in {@code version_id} order.
 * <ol>
 * <li>{@code register_diff} ← what differs between staging and the current register (and, for a
 * snapshot, current facts of its source system that the snapshot no longer holds);</li>
 * <li>a new version per diff row — its {@code version_id} is its change-log sequence, so they are
 * inserted in the order of the extract's lines, the facts a snapshot no longer holds after them in
 * fact-key order — and the versions they replace (their ids noted by the diff) are superseded;</li>
 * <li>the extract is marked APPLIED with its counts.</li>
 * </ol>
 * The diff finds a staged fact's current version through the store's index (person, decision;
 * the whole fact key picks it among a decision's payments).
 * The first extract of a source system never comes here: the stage step loads it straight into
 * the store ({@link StageExtractTasklet}). Each phase's time goes into the log line of the applied
 * extract. Any failure rolls all of it back; a restart stages again and merges again.
 */
class MergeExtractTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(MergeExtractTasklet.class);

    private static final String STORE_COLUMNS = RowLoader.STORE_COLUMNS;

    /**
     * Memory of the stage and merge transactions (PostgreSQL, SET LOCAL): sorts and hashes, index builds.
     * A merge keeps the smaller {@link #WORK_MEM}, with which a delta's plans were checked (index
     * nested loops into the register); staging, and a snapshot's comparison with the whole register,
     * sort and group every row of the extract ({@link #BULK_WORK_MEM}). Index builds sort in memory with
     * {@link #MAINTENANCE_WORK_MEM} up to well beyond 5M rows.
     */
    static final String WORK_MEM = "64MB";
    static final String BULK_WORK_MEM = "256MB";
    static final String MAINTENANCE_WORK_MEM = "1GB";

    private final ExtractStore extracts;
    private final RegisterDatabase database;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MergeCheckpoint checkpoint;

    MergeExtractTasklet(ExtractStore extracts, RegisterDatabase database, JdbcClient jdbc, Clock clock,
                        MergeCheckpoint checkpoint) {
        this.extracts = extracts;
        this.database = database;
        this.jdbc = jdbc;
        this.clock = clock;
        this.checkpoint = checkpoint;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String checksum = contribution.getStepExecution().getJobExecution().getJobParameters()
                .getString(RegisterImportJobConfiguration.CHECKSUM);
        ExtractRecord extract = extracts.find(checksum).orElseThrow(
                () -> new IllegalStateException("no staged register extract with checksum " + checksum));
        if (extract.status() != ExtractRecord.Status.STAGED) {
            log.info("Register extract {} is {}; nothing to merge", extract.extractId(), extract.status());
            return RepeatStatus.FINISHED;
        }
        long staged = jdbc.sql("SELECT COUNT(*) FROM register_staging").query(Long.class).single();
        if (staged != extract.stagedRows()) {
            throw new IllegalStateException("register_staging holds " + staged + " rows but extract " + extract.extractId()
                    + " staged " + extract.stagedRows() + " (lost in a database restart?); restart the import to stage it again");
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
        String extractId = extract.extractId();
        PhaseTimer timer = new PhaseTimer();
        database.tuneBulkTransaction("SNAPSHOT".equals(extract.kind()) ? BULK_WORK_MEM : WORK_MEM, MAINTENANCE_WORK_MEM);

        database.clear("register_diff");
        long differing = diffAgainstStaging();
        if ("SNAPSHOT".equals(extract.kind())) {
            differing += diffDisappeared(extract);
        }
        database.analyzeWorkTable("register_diff", differing);
        timer.lap("diff");
        checkpoint.reached("diff");

        jdbc.sql("INSERT INTO register_fact_version (" + STORE_COLUMNS + ", change_kind, changed_fields, extract_id, recorded_at)"
                        + " SELECT " + STORE_COLUMNS + ", change_kind, changed_fields, ?, ? FROM ("
                        + " SELECT " + prefixed("s") + ", d.change_kind, d.changed_fields, d.line_no, d.fact_key AS diff_key"
                        + " FROM register_staging s JOIN register_diff d ON d.fact_key = s.fact_key WHERE d.from_staging"
                        + " UNION ALL"
                        + " SELECT " + prefixed("c").replace("c.status", "d.change_kind AS status")
                        + ", d.change_kind, d.changed_fields, d.line_no, d.fact_key AS diff_key"
                        + " FROM register_fact_version c JOIN register_diff d ON c.version_id = d.current_version_id"
                        + " WHERE NOT d.from_staging"
                        + ") x ORDER BY line_no NULLS LAST, diff_key")
                .params(extractId, now).update();
        timer.lap("new-versions");
        checkpoint.reached("new-versions");

        // By an array of the ids, not IN (subquery): the primary key is then walked in order, and the
        // versions, which lie in id order, are updated page after page — with IN the planner may
        // instead hash the ids and read the whole store.

        jdbc.sql("""
                UPDATE register_fact_version SET superseded_at = ?
                WHERE version_id = ANY(ARRAY(SELECT current_version_id FROM register_diff
                                             WHERE current_version_id IS NOT NULL ORDER BY current_version_id))""")
                .params(now).update();
        timer.lap("supersede");
        checkpoint.reached("supersede");

        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT change_kind, COUNT(*) FROM register_diff GROUP BY change_kind")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        database.clear("register_diff");
        extracts.markApplied(checksum, now, counts.getOrDefault("NEW", 0L), counts.getOrDefault("CHANGED", 0L),
                counts.getOrDefault("ENDED", 0L), counts.getOrDefault("WITHDRAWN", 0L));
        database.clear("register_staging");
        checkpoint.reached("applied");
        contribution.incrementWriteCount(counts.values().stream().mapToLong(Long::longValue).sum());
        timer.lap("applied");
        log.info("Register extract {} applied: {} new, {} changed, {} ended, {} withdrawn ({})", extractId,
                counts.getOrDefault("NEW", 0L), counts.getOrDefault("CHANGED", 0L), counts.getOrDefault("ENDED", 0L),
                counts.getOrDefault("WITHDRAWN", 0L), timer);
        return RepeatStatus.FINISHED;
    }

    /**
     * Staged facts that are new or differ from the current register in any field but the source's
     * timestamp. Staging is read in index order, so that consecutive lookups of the register's index
     * fall on the same pages (a third faster for 50k rows against 5M than in the extract's order).
     */
    private int diffAgainstStaging() {
        return jdbc.sql("""
                INSERT INTO register_diff (fact_key, personnummer, source_system, benefit, decision_id, payment_date,
                       change_kind, changed_fields, from_staging, line_no, current_version_id)
                SELECT fact_key, personnummer, source_system, benefit, decision_id, payment_date, change_kind,
                       changed_fields, TRUE, line_no, current_version_id
                FROM (
                    SELECT s.line_no, c.version_id AS current_version_id, s.fact_key, s.personnummer, s.source_system,
                           s.benefit, s.decision_id, s.payment_date,
                           CASE WHEN c.version_id IS NULL THEN (CASE WHEN s.status = 'WITHDRAWN' THEN 'WITHDRAWN' ELSE 'NEW' END)
                                WHEN s.status = 'WITHDRAWN' AND c.status <> 'WITHDRAWN' THEN 'WITHDRAWN'
                                WHEN s.status = 'ENDED' AND c.status <> 'ENDED' THEN 'ENDED'
                                ELSE 'CHANGED' END AS change_kind,
                           CASE WHEN c.version_id IS NULL THEN '' ELSE COALESCE(CONCAT_WS(',',
                                CASE WHEN s.protected_identity <> c.protected_identity THEN 'protected_identity' END,
                                CASE WHEN s.period_from <> c.period_from THEN 'period_from' END,
                                CASE WHEN s.period_to IS DISTINCT FROM c.period_to THEN 'period_to' END,
                                CASE WHEN s.extent IS DISTINCT FROM c.extent THEN 'extent' END,
                                CASE WHEN s.amount <> c.amount THEN 'amount' END,
                                CASE WHEN s.amount_type <> c.amount_type THEN 'amount_type' END,
                                CASE WHEN s.paid_amount IS DISTINCT FROM c.paid_amount THEN 'paid_amount' END,
                                CASE WHEN s.status <> c.status THEN 'status' END), '') END AS changed_fields,
                           c.version_id IS NULL AS is_new
                    FROM (SELECT * FROM register_staging ORDER BY personnummer, decision_id) s
                    LEFT JOIN register_fact_version c
                           ON c.personnummer = s.personnummer AND c.benefit = s.benefit AND c.decision_id = s.decision_id
                              AND s.fact_key = %s
                              AND c.superseded_at IS NULL
                ) x
                WHERE is_new OR changed_fields <> ''""".formatted(RowLoader.factKeySql("c"))).update();
    }

    /**
     * A snapshot holds everything its source system knows. A current fact of that source system
     * that is still in force (GRANTED / CHANGED) and missing from the snapshot has disappeared:
     * WITHDRAWN when its period had not begun on the snapshot's date (it never applied), else ENDED.
     */
    private int diffDisappeared(ExtractRecord extract) {
        return jdbc.sql("""
                INSERT INTO register_diff (fact_key, personnummer, source_system, benefit, decision_id, payment_date,
                       change_kind, changed_fields, from_staging, current_version_id)
                SELECT c.fact_key, c.personnummer, c.source_system, c.benefit, c.decision_id, c.payment_date,
                       CASE WHEN c.period_from > ? THEN 'WITHDRAWN' ELSE 'ENDED' END, 'status', FALSE, c.version_id
                FROM (SELECT v.*, %s AS fact_key FROM register_fact_version v) c
                WHERE c.superseded_at IS NULL AND c.source_system = ? AND c.status IN ('GRANTED', 'CHANGED')
                  AND NOT EXISTS (SELECT 1 FROM register_staging s WHERE s.fact_key = c.fact_key)""".formatted(RowLoader.factKeySql("v")))
                .params(extract.createdAt().toLocalDate(), extract.sourceSystem()).update();
    }

    private static String prefixed(String alias) {
        return alias + "." + STORE_COLUMNS.replace(", ", ", " + alias + ".");
    }
}
