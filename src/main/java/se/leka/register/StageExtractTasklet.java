package se.leka.register;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step 1 of {@code register-import}: reads and validates the extract, bulk-loads its valid rows,
 * writes the error report beside the file and records the extract as STAGED, REJECTED — or APPLIED:
 * <ul>
 * <li>As a rule the rows go into {@code register_staging}, for the {@link MergeExtractTasklet merge}
 * to compare with the register.</li>
 * <li>The first extract of a source system (the register holds no fact of it) has nothing to be
 * compared with: every fact is NEW (WITHDRAWN if it arrives withdrawn). Its rows go straight into the
 * register's store ({@code register_fact_version}), in line order, and the extract is APPLIED here, in
 * this step's one transaction; the merge then has nothing to do. Rows are written once instead of
 * twice, and PostgreSQL ingests them while the file is still being read. When the extract is larger
 * than the register, the store's indexes are dropped first and built after the load (PostgreSQL; in
 * the same transaction, so a failure leaves them as they were). If the extract is rejected, everything
 * it loaded is rolled back to a savepoint taken before it, so a rejected extract never changes the register.</li>
 * </ul>
 * Runs again on every restart (the staging table may be lost with an unclean PostgreSQL shutdown),
 * which is harmless: it starts by emptying the staging table.
 */
class StageExtractTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StageExtractTasklet.class);

    /** Up to this many repeated facts are reported and removed by key (bind parameters are limited). */
    private static final int KEYS_PER_QUERY = 1000;
    /**
     * Fewer bytes than any detail record has (they are 90-130): a file's size divided by it is more
     * than the rows it holds, for the choice whether a first load drops the store's indexes.
     */
    private static final int BYTES_PER_ROW_AT_MOST_ROWS = 80;

    private final ExtractStore extracts;
    private final RegisterDatabase database;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MergeCheckpoint checkpoint;

    StageExtractTasklet(ExtractStore extracts, RegisterDatabase database, JdbcClient jdbc, Clock clock,
                        MergeCheckpoint checkpoint) {
        this.extracts = extracts;
        this.database = database;
        this.jdbc = jdbc;
        this.clock = clock;
        this.checkpoint = checkpoint;
    }

    /** Where the error report of {@code extract} is written: beside it, {@code <name>.errors.csv}. */
    static Path errorReportOf(Path extract) {
        return extract.resolveSibling(extract.getFileName() + ".errors.csv");
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        var parameters = contribution.getStepExecution().getJobExecution().getJobParameters();
        String checksum = parameters.getString(RegisterImportJobConfiguration.CHECKSUM);
        Path file = Path.of(parameters.getString(RegisterImportJobConfiguration.FILE));
        var existing = extracts.find(checksum);
        if (existing.isPresent() && existing.get().status() != ExtractRecord.Status.STAGED) {
            log.info("Register extract {} is already {}; nothing to stage", existing.get().extractId(), existing.get().status());
            contribution.setExitStatus(new ExitStatus(existing.get().status().name()));
            return RepeatStatus.FINISHED;
        }
        PhaseTimer timer = new PhaseTimer();
        database.tuneBulkTransaction(MergeExtractTasklet.BULK_WORK_MEM, MergeExtractTasklet.MAINTENANCE_WORK_MEM);
        database.clear("register_staging");
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
        Path report = errorReportOf(file);
        Loading loading = new Loading(Files.size(file), now);
        ExtractParser.Summary summary;
        long duplicates;
        try (BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            out.write("line;field;code;message\n");
            ExtractParser.ErrorSink sink = (line, field, code, message) -> write(out, line + ";" + field + ";" + code + ";" + message);
            RepeatedFactFilter repeated = database.isPostgres() ? new RepeatedFactFilter() : null;
            try {
                summary = ExtractParser.parseInto(file, header -> {
                    RowLoader loader = loading.open(header);
                    return repeated == null ? loading.counting(loader::add) : loading.counting(row -> {
                        repeated.add(row);
                        loader.add(row);
                    });
                }, sink);
                loading.finish();
            } catch (IOException | RuntimeException e) {
                loading.abort();
                throw e;
            }
            timer.lap("parse+load");
            if (loading.firstLoad) {
                database.execute(loading.droppedIndexes);
                timer.lap("build-indexes");
                checkpoint.reached("indexes");
            }
            duplicates = summary.fileError() == null ? reportDuplicateFacts(file, sink, repeated, loading) : 0;
            timer.lap("duplicates");
        }
        long errorRows = summary.errorRows() + duplicates;
        long staged = summary.validRows() - duplicates;
        ExtractHeader header = summary.header();
        String rejection = rejection(summary, header, errorRows);
        if (rejection != null) {
            loading.undo();
        } else {
            if (loading.firstLoad) {
                database.analyze(loading.target.table);
            } else {
                database.analyzeWorkTable(loading.target.table, staged);
            }
        }
        timer.lap("analyze");
        if (errorRows == 0 && summary.fileError() == null) {
            Files.deleteIfExists(report);
        }
        ExtractRecord.Status status = rejection == null ? ExtractRecord.Status.STAGED : ExtractRecord.Status.REJECTED;
        extracts.saveStaged(new ExtractRecord(checksum, header == null ? null : header.extractId(),
                header == null ? null : header.kind().name(), header == null ? null : header.sourceSystem(),
                header == null ? null : header.createdAt(), file.getFileName().toString(), summary.declaredRows(),
                rejection == null ? staged : 0, errorRows, status, rejection, 0, 0, 0, 0), LocalDateTime.now(clock));
        if (rejection == null && loading.firstLoad) {
            Map<String, Long> counts = loading.changeCounts(duplicates > 0);
            extracts.markApplied(checksum, now, counts.getOrDefault("NEW", 0L), 0, 0, counts.getOrDefault("WITHDRAWN", 0L));
            status = ExtractRecord.Status.APPLIED;
            checkpoint.reached("applied");
        }
        contribution.getStepExecution().setReadCount(summary.detailRows());
        contribution.incrementWriteCount(rejection == null ? staged : 0);
        contribution.setExitStatus(new ExitStatus(status.name(), rejection == null ? "" : rejection));
        log.info("Register extract {} ({}): {} detail records, {} {}, {} with errors{} ({})",
                header == null ? "?" : header.extractId(), header == null ? "?" : header.kind(), summary.detailRows(),
                rejection == null ? staged : 0, loading.firstLoad ? "loaded into the register (first extract of its source system)" : "staged",
                errorRows, rejection == null ? "" : "; REJECTED: " + rejection, timer);
        return RepeatStatus.FINISHED;
    }

    /**
     * Where this extract's rows go, chosen when its start record has been read; see the class comment.
     * Counts the rows by the change they record (for a first load's counts).
     */
    private final class Loading {
        private final long fileSize;
        private final LocalDateTime recordedAt;
        private RowLoader loader;
        RowLoader.Target target = RowLoader.Target.STAGING;
        boolean firstLoad;
        String extractId;
        List<String> droppedIndexes = List.of();
        private long withdrawn;
        private long rows;

        Loading(long fileSize, LocalDateTime recordedAt) {
            this.fileSize = fileSize;
            this.recordedAt = recordedAt;
        }

        RowLoader open(ExtractHeader header) {
            extractId = header.extractId();
            firstLoad = sourceSystemIsNew(header.sourceSystem());
            if (firstLoad) {
                target = RowLoader.Target.REGISTER;
                database.execute(List.of("SAVEPOINT register_first_load"));
                droppedIndexes = fileSize / BYTES_PER_ROW_AT_MOST_ROWS > database.estimatedRows(target.table)
                        ? database.dropIndexes(List.of(target.table))
                        : List.of();
            }
            loader = database.openLoader(target, new RowLoader.Extract(header.extractId(), recordedAt));
            return loader;
        }

        Consumer<StagedRow> counting(Consumer<StagedRow> rowConsumer) {
            return row -> {
                rowConsumer.accept(row);
                rows++;
                if ("WITHDRAWN".equals(row.status())) {
                    withdrawn++;
                }
            };
        }

        void finish() {
            if (loader != null) {
                loader.finish();
                if (firstLoad) {
                    checkpoint.reached("loaded");
                }
            }
        }

        /** A load that failed half-way: its loader lets go (the step's transaction is rolled back). */
        void abort() {
            if (loader != null) {
                loader.abort();
            }
        }

        /** The rows loaded by a rejected extract go: staging is emptied, a first load rolled back. */
        void undo() {
            if (firstLoad) {
                database.execute(List.of("ROLLBACK TO SAVEPOINT register_first_load"));
            } else {
                database.clear("register_staging");
            }
        }

        /** A first load's facts by the change they record: counted while loading, or counted again after repeated facts were taken out. */
        Map<String, Long> changeCounts(boolean recount) {
            Map<String, Long> counts = new HashMap<>();
            if (recount) {
                jdbc.sql("SELECT change_kind, COUNT(*) FROM register_fact_version WHERE extract_id = ? GROUP BY change_kind")
                        .param(extractId).query(rs -> {
                            counts.put(rs.getString(1), rs.getLong(2));
                        });
            } else {
                counts.put("NEW", rows - withdrawn);
                counts.put("WITHDRAWN", withdrawn);
            }
            return counts;
        }
    }

    /**
     * True when the register holds no fact of {@code sourceSystem} (facts are never deleted, so it
     * never held one either). An applied extract of it settles the question at once (it may have
     * brought no fact, but then the merge is merely not needed, never wrong); otherwise the store is
     * searched for one of its facts — to the end only when there is none, once per source system.
     */
    private boolean sourceSystemIsNew(String sourceSystem) {
        return jdbc.sql("""
                SELECT CASE WHEN EXISTS (SELECT 1 FROM register_extract WHERE source_system = ? AND status = 'APPLIED')
                              OR EXISTS (SELECT 1 FROM register_fact_version WHERE source_system = ?)
                       THEN 0 ELSE 1 END""")
                .params(sourceSystem, sourceSystem).query(Integer.class).single() == 1;
    }

    private String rejection(ExtractParser.Summary summary, ExtractHeader header, long errorRows) {
        if (summary.fileError() != null) {
            return summary.fileError();
        }
        var applied = extracts.findApplied(header.extractId());
        if (applied.isPresent()) {
            return "EXTRACT_ID_REUSED: extract id " + header.extractId() + " was already applied from another file ("
                    + applied.get().fileName() + ")";
        }
        if (header.kind() == ExtractHeader.Kind.SNAPSHOT && errorRows > 0) {
            return "SNAPSHOT_WITH_ERRORS: a snapshot is applied whole or not at all; " + errorRows
                    + " detail records are invalid (see the error report)";
        }
        return null;
    }

    /**
     * A fact may occur once per extract. Every occurrence of a repeated fact is reported and taken
     * out of what was loaded: which one the source meant cannot be told. With a {@link RepeatedFactFilter}
     * (PostgreSQL) only its candidate keys are looked at — none at all, as a rule, for an extract
     * without repetitions; without one, or when it gave up, every loaded row is grouped by its key.
     * Staged rows carry their line numbers; a first load's versions do not, so their lines are found
     * by reading the file again — only when there are repetitions.
     */
    private long reportDuplicateFacts(Path file, ExtractParser.ErrorSink sink, RepeatedFactFilter repeated,
                                      Loading loading) throws IOException {
        // A first load's rows are the versions of this extract (its id is validated: A-Z a-z 0-9 _ -), read
        // through the change-log view, which gives their fact keys; staging holds nothing else.
        String table = loading.firstLoad ? "register_change" : "register_staging";
        String ofThisLoad = loading.firstLoad ? "extract_id = '" + loading.extractId + "' AND " : "";
        List<String> keys;
        if (repeated != null && !repeated.overflowed()) {
            if (repeated.candidates().isEmpty()) {
                return 0;
            }
            // a fact key holds its personnummer (StagedRow#factKey): the store is searched by person
            String[] persons = repeated.candidates().stream().map(key -> key.split("\\|", 3)[1]).distinct()
                    .toArray(String[]::new);
            keys = jdbc.sql("SELECT fact_key FROM " + table + " WHERE " + ofThisLoad + "personnummer = ANY(?)"
                            + " AND fact_key = ANY(?) GROUP BY fact_key HAVING COUNT(*) > 1")
                    .params(persons, repeated.candidates().toArray(String[]::new)).query(String.class).list();
        } else {
            keys = jdbc.sql("SELECT fact_key FROM " + table + " WHERE " + ofThisLoad + "1 = 1"
                    + " GROUP BY fact_key HAVING COUNT(*) > 1").query(String.class).list();
        }
        if (keys.isEmpty()) {
            return 0;
        }
        List<Long> lines = loading.firstLoad ? linesOf(file, new HashSet<>(keys)) : stagedLinesOf(keys);
        for (long line : lines) {
            sink.error(line, "-", "DUPLICATE_FACT",
                    "the same fact (source system, personnummer, benefit, decision id, payment date) occurs more than once in the extract");
        }
        String delete = loading.firstLoad
                ? "DELETE FROM register_fact_version WHERE version_id IN (SELECT seq FROM register_change WHERE "
                        + ofThisLoad + "fact_key IN (:keys))"
                : "DELETE FROM register_staging WHERE fact_key IN (:keys)";
        for (int i = 0; i < keys.size(); i += KEYS_PER_QUERY) {
            jdbc.sql(delete).param("keys", keys.subList(i, Math.min(keys.size(), i + KEYS_PER_QUERY))).update();
        }
        return lines.size();
    }

    /** The line numbers of staged rows with any of {@code keys}, in line order. */
    private List<Long> stagedLinesOf(List<String> keys) {
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += KEYS_PER_QUERY) {
            lines.addAll(jdbc.sql("SELECT line_no FROM register_staging WHERE fact_key IN (:keys)")
                    .param("keys", keys.subList(i, Math.min(keys.size(), i + KEYS_PER_QUERY)))
                    .query(Long.class).list());
        }
        lines.sort(null);
        return lines;
    }

    /** The line numbers of the valid rows of {@code file} with any of {@code keys}, in line order (reads the file again). */
    private static List<Long> linesOf(Path file, Set<String> keys) throws IOException {
        List<Long> lines = new ArrayList<>();
        ExtractParser.parse(file, row -> {
            if (keys.contains(row.factKey())) {
                lines.add(row.lineNo());
            }
        }, (line, field, code, message) -> { });
        return lines;
    }

    private static void write(BufferedWriter out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
