package se.leka.register;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
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
 * (the step's), with set-based SQL only — rows never pass through the JVM:
 * <ol>
 * <li>{@code register_diff} ← what differs between staging and the current register (and, for a
 * snapshot, current facts of its source system that the snapshot no longer holds);</li>
 * <li>change log ← the diff, ordered by personnummer, benefit, decision id, payment date;</li>
 * <li>history: the current version of each changed fact is superseded, the new version inserted;</li>
 * <li>current register ← new versions (MERGE); disappeared facts get status ENDED / WITHDRAWN;</li>
 * <li>the extract is marked APPLIED with its counts.</li>
 * </ol>
 * The first extract of a source system (into an empty register, or one holding other source systems'
 * facts) has nothing to diff against: see {@link #loadNewSourceSystem}. Each phase's time goes into the log line of the applied extract.
 * Any failure rolls all of it back; a restart stages again and merges again.
 */
class MergeExtractTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(MergeExtractTasklet.class);

    private static final String FACT_COLUMNS = "fact_key, personnummer, protected_identity, source_system, benefit_family, "
            + "benefit, decision_id, period_from, period_to, extent, amount, amount_type, payment_date, paid_amount, status, "
            + "source_changed_at";

    /**
     * Memory of the stage and merge transactions (PostgreSQL, SET LOCAL): sorts and hashes, index builds.
     * A general merge keeps the smaller {@link #WORK_MEM}, with which a delta's plans were checked
     * (index nested loops into the register); staging and the load of a new source system sort and
     * group every row of the extract: with {@link #BULK_WORK_MEM} the change log's sort of a 1M-row
     * extract (~150 MB) stays in memory, a 5M-row one spills in a few runs. Index builds sort in
     * memory with {@link #MAINTENANCE_WORK_MEM} up to well beyond 5M rows.
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
        LocalDateTime recordedAt = now;
        String extractId = extract.extractId();
        PhaseTimer timer = new PhaseTimer();

        boolean newSourceSystem = sourceSystemIsNew(extract.sourceSystem());
        database.tuneBulkTransaction(newSourceSystem ? BULK_WORK_MEM : WORK_MEM, MAINTENANCE_WORK_MEM);
        Map<String, Long> counts = newSourceSystem
                ? loadNewSourceSystem(extractId, staged, recordedAt, timer)
                : mergeIntoRegister(extract, recordedAt, timer);

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

    /** The general merge: diff staging against the register, then change log, history, current register. */
    private Map<String, Long> mergeIntoRegister(ExtractRecord extract, LocalDateTime recordedAt, PhaseTimer timer) {
        String extractId = extract.extractId();
        Map<String, Long> counts = new HashMap<>();
        database.clear("register_diff");
        diffAgainstStaging();
        if ("SNAPSHOT".equals(extract.kind())) {
            diffDisappeared(extract);
        }
        database.analyze("register_diff");
        timer.lap("diff");
        checkpoint.reached("diff");

        jdbc.sql("""
                INSERT INTO register_change (fact_key, personnummer, source_system, benefit, decision_id, payment_date,
                       change_kind, changed_fields, extract_id, recorded_at)
                SELECT fact_key, personnummer, source_system, benefit, decision_id, payment_date, change_kind,
                       changed_fields, ?, ?
                FROM register_diff ORDER BY personnummer, benefit, decision_id, payment_date""")
                .params(extractId, recordedAt).update();
        timer.lap("change-log");
        checkpoint.reached("change-log");

        jdbc.sql("""
                UPDATE register_fact_version SET superseded_at = ?
                WHERE superseded_at IS NULL AND fact_key IN (SELECT fact_key FROM register_diff)""")
                .param(recordedAt).update();
        jdbc.sql("INSERT INTO register_fact_version (" + FACT_COLUMNS + ", extract_id, recorded_at) SELECT "
                        + prefixed("s") + ", ?, ? FROM register_staging s JOIN register_diff d ON d.fact_key = s.fact_key")
                .params(extractId, recordedAt).update();
        jdbc.sql("INSERT INTO register_fact_version (" + FACT_COLUMNS + ", extract_id, recorded_at) SELECT "
                        + prefixed("c").replace("c.status", "d.change_kind")
                        + ", ?, ? FROM register_fact c JOIN register_diff d ON d.fact_key = c.fact_key WHERE NOT d.from_staging")
                .params(extractId, recordedAt).update();
        timer.lap("history");
        checkpoint.reached("history");

        jdbc.sql("MERGE INTO register_fact c USING (SELECT s.* FROM register_staging s JOIN register_diff d"
                        + " ON d.fact_key = s.fact_key) s ON (c.fact_key = s.fact_key)"
                        + " WHEN MATCHED THEN UPDATE SET " + assignments() + ", extract_id = ?, recorded_at = ?"
                        + " WHEN NOT MATCHED THEN INSERT (" + FACT_COLUMNS + ", extract_id, recorded_at) VALUES ("
                        + prefixed("s") + ", ?, ?)")
                .params(extractId, recordedAt, extractId, recordedAt).update();
        jdbc.sql("""
                UPDATE register_fact SET status = (SELECT d.change_kind FROM register_diff d WHERE d.fact_key = register_fact.fact_key),
                       extract_id = ?, recorded_at = ?
                WHERE fact_key IN (SELECT fact_key FROM register_diff WHERE NOT from_staging)""")
                .params(extractId, recordedAt).update();
        timer.lap("current");
        checkpoint.reached("current");

        jdbc.sql("SELECT change_kind, COUNT(*) FROM register_diff GROUP BY change_kind")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        database.clear("register_diff");
        return counts;
    }

    /**
     * The register holds no fact of the extract's source system (its first extract, or the very first
     * of all): a fact key begins with the source system, so every staged fact is NEW (WITHDRAWN if it
     * arrives withdrawn), and there is nothing to diff against, supersede, or end. Rows go straight from
     * staging into the change log, history and current register. When the extract is larger than
     * the register already is, the indexes of those three tables are dropped first and built after the
     * load (PostgreSQL; all in this one transaction, so a failure leaves them as they were): building
     * an index over all rows at once is several times faster than maintaining it row by row. Same
     * change-log order, counts and rows as the general merge would produce.
     */
    private Map<String, Long> loadNewSourceSystem(String extractId, long staged, LocalDateTime recordedAt,
                                                  PhaseTimer timer) {
        List<String> indexes = staged > database.estimatedRows("register_fact")
                ? database.dropIndexes(List.of("register_change", "register_fact_version", "register_fact"))
                : List.of();
        timer.lap("drop-indexes");
        checkpoint.reached("diff");

        jdbc.sql("""
                INSERT INTO register_change (fact_key, personnummer, source_system, benefit, decision_id, payment_date,
                       change_kind, changed_fields, extract_id, recorded_at)
                SELECT fact_key, personnummer, source_system, benefit, decision_id, payment_date,
                       CASE WHEN status = 'WITHDRAWN' THEN 'WITHDRAWN' ELSE 'NEW' END, '', ?, ?
                FROM register_staging ORDER BY personnummer, benefit, decision_id, payment_date""")
                .params(extractId, recordedAt).update();
        timer.lap("change-log");
        checkpoint.reached("change-log");

        jdbc.sql("INSERT INTO register_fact_version (" + FACT_COLUMNS + ", extract_id, recorded_at) SELECT "
                        + FACT_COLUMNS + ", ?, ? FROM register_staging")
                .params(extractId, recordedAt).update();
        timer.lap("history");
        checkpoint.reached("history");

        jdbc.sql("INSERT INTO register_fact (" + FACT_COLUMNS + ", extract_id, recorded_at) SELECT "
                        + FACT_COLUMNS + ", ?, ? FROM register_staging")
                .params(extractId, recordedAt).update();
        timer.lap("current");
        database.execute(indexes);
        timer.lap("build-indexes");
        for (String table : List.of("register_change", "register_fact_version", "register_fact")) {
            database.analyze(table);
        }
        timer.lap("analyze");
        checkpoint.reached("current");

        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT CASE WHEN status = 'WITHDRAWN' THEN 'WITHDRAWN' ELSE 'NEW' END, COUNT(*) FROM register_staging"
                        + " GROUP BY CASE WHEN status = 'WITHDRAWN' THEN 'WITHDRAWN' ELSE 'NEW' END")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /**
     * True when the register holds no current fact of {@code sourceSystem} (facts are never deleted,
     * so it never held one either). Fact keys begin with {@code <source system>|} and compare byte by
     * byte (V13), so this is a range probe of the primary key: {@code '}'} is the byte after {@code '|'}.
     */
    private boolean sourceSystemIsNew(String sourceSystem) {
        return jdbc.sql("SELECT CASE WHEN EXISTS (SELECT 1 FROM register_fact WHERE fact_key >= ? AND fact_key < ?)"
                        + " THEN 0 ELSE 1 END")
                .params(sourceSystem + "|", sourceSystem + "}").query(Integer.class).single() == 1;
    }

    /** Staged facts that are new or differ from the current register in any field but the source's timestamp. */
    private void diffAgainstStaging() {
        jdbc.sql("""
                INSERT INTO register_diff (fact_key, personnummer, source_system, benefit, decision_id, payment_date,
                       change_kind, changed_fields, from_staging)
                SELECT fact_key, personnummer, source_system, benefit, decision_id, payment_date, change_kind,
                       changed_fields, TRUE
                FROM (
                    SELECT s.fact_key, s.personnummer, s.source_system, s.benefit, s.decision_id, s.payment_date,
                           CASE WHEN c.fact_key IS NULL THEN (CASE WHEN s.status = 'WITHDRAWN' THEN 'WITHDRAWN' ELSE 'NEW' END)
                                WHEN s.status = 'WITHDRAWN' AND c.status <> 'WITHDRAWN' THEN 'WITHDRAWN'
                                WHEN s.status = 'ENDED' AND c.status <> 'ENDED' THEN 'ENDED'
                                ELSE 'CHANGED' END AS change_kind,
                           CASE WHEN c.fact_key IS NULL THEN '' ELSE COALESCE(CONCAT_WS(',',
                                CASE WHEN s.protected_identity <> c.protected_identity THEN 'protected_identity' END,
                                CASE WHEN s.period_from <> c.period_from THEN 'period_from' END,
                                CASE WHEN s.period_to IS DISTINCT FROM c.period_to THEN 'period_to' END,
                                CASE WHEN s.extent IS DISTINCT FROM c.extent THEN 'extent' END,
                                CASE WHEN s.amount <> c.amount THEN 'amount' END,
                                CASE WHEN s.amount_type <> c.amount_type THEN 'amount_type' END,
                                CASE WHEN s.paid_amount IS DISTINCT FROM c.paid_amount THEN 'paid_amount' END,
                                CASE WHEN s.status <> c.status THEN 'status' END), '') END AS changed_fields,
                           c.fact_key IS NULL AS is_new
                    FROM register_staging s LEFT JOIN register_fact c ON c.fact_key = s.fact_key
                ) x
                WHERE is_new OR changed_fields <> ''""").update();
    }

    /**
     * A snapshot holds everything its source system knows. A current fact of that source system
     * that is still in force (GRANTED / CHANGED) and missing from the snapshot has disappeared:
     * WITHDRAWN when its period had not begun on the snapshot's date (it never applied), else ENDED.
     */
    private void diffDisappeared(ExtractRecord extract) {
        jdbc.sql("""
                INSERT INTO register_diff (fact_key, personnummer, source_system, benefit, decision_id, payment_date,
                       change_kind, changed_fields, from_staging)
                SELECT c.fact_key, c.personnummer, c.source_system, c.benefit, c.decision_id, c.payment_date,
                       CASE WHEN c.period_from > ? THEN 'WITHDRAWN' ELSE 'ENDED' END, 'status', FALSE
                FROM register_fact c
                WHERE c.source_system = ? AND c.status IN ('GRANTED', 'CHANGED')
                  AND NOT EXISTS (SELECT 1 FROM register_staging s WHERE s.fact_key = c.fact_key)""")
                .params(extract.createdAt().toLocalDate(), extract.sourceSystem()).update();
    }

    private static String prefixed(String alias) {
        return alias + "." + FACT_COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static String assignments() {
        StringBuilder set = new StringBuilder();
        for (String column : FACT_COLUMNS.split(", ")) {
            if (!column.equals("fact_key")) {
                set.append(set.isEmpty() ? "" : ", ").append(column).append(" = s.").append(column);
            }
        }
        return set.toString();
    }
}
