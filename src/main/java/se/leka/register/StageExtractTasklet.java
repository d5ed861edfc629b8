package se.leka.register;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step 1 of {@code register-import}: reads and validates the extract, bulk-loads its valid rows into
 * {@code register_staging}, writes the error report beside the file and records the extract as
 * STAGED or REJECTED. Runs again on every restart (the staging table may be lost with an unclean
 * PostgreSQL shutdown), which is harmless: it starts by emptying the staging table.
 */
class StageExtractTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StageExtractTasklet.class);

    /** Up to this many repeated facts are reported and removed by key (bind parameters are limited). */
    private static final int KEYS_PER_QUERY = 1000;

    private final ExtractStore extracts;
    private final RegisterDatabase database;
    private final JdbcClient jdbc;
    private final Clock clock;

    StageExtractTasklet(ExtractStore extracts, RegisterDatabase database, JdbcClient jdbc, Clock clock) {
        this.extracts = extracts;
        this.database = database;
        this.jdbc = jdbc;
        this.clock = clock;
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
        Path report = errorReportOf(file);
        ExtractParser.Summary summary;
        long duplicates;
        try (BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            out.write("line;field;code;message\n");
            ExtractParser.ErrorSink sink = (line, field, code, message) -> write(out, line + ";" + field + ";" + code + ";" + message);
            StagingLoader loader = database.openStagingLoader();
            RepeatedFactFilter repeated = database.isPostgres() ? new RepeatedFactFilter() : null;
            summary = ExtractParser.parse(file, repeated == null ? loader::add : row -> {
                repeated.add(row);
                loader.add(row);
            }, sink);
            loader.finish();
            timer.lap("parse+load");
            duplicates = summary.fileError() == null ? reportDuplicateFacts(sink, repeated) : 0;
            timer.lap("duplicates");
        }
        long errorRows = summary.errorRows() + duplicates;
        long staged = summary.validRows() - duplicates;
        ExtractHeader header = summary.header();
        String rejection = rejection(summary, header, errorRows);
        if (rejection != null) {
            database.clear("register_staging");
        } else {
            database.analyze("register_staging");
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
        contribution.getStepExecution().setReadCount(summary.detailRows());
        contribution.incrementWriteCount(rejection == null ? staged : 0);
        contribution.setExitStatus(new ExitStatus(status.name(), rejection == null ? "" : rejection));
        log.info("Register extract {} ({}): {} detail records, {} staged, {} with errors{} ({})",
                header == null ? "?" : header.extractId(), header == null ? "?" : header.kind(), summary.detailRows(),
                rejection == null ? staged : 0, errorRows, rejection == null ? "" : "; REJECTED: " + rejection, timer);
        return RepeatStatus.FINISHED;
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
     * out of staging: which one the source meant cannot be told. With a {@link RepeatedFactFilter}
     * (PostgreSQL) only its candidate keys are looked at — none at all, as a rule, for an extract
     * without repetitions; without one, or when it gave up, every staged row is grouped by its key.
     */
    private long reportDuplicateFacts(ExtractParser.ErrorSink sink, RepeatedFactFilter repeated) {
        List<String> keys;
        if (repeated != null && !repeated.overflowed()) {
            if (repeated.candidates().isEmpty()) {
                return 0;
            }
            keys = jdbc.sql("""
                    SELECT fact_key FROM register_staging WHERE fact_key = ANY(?)
                    GROUP BY fact_key HAVING COUNT(*) > 1""")
                    .param(repeated.candidates().toArray(String[]::new)).query(String.class).list();
        } else {
            keys = jdbc.sql("SELECT fact_key FROM register_staging GROUP BY fact_key HAVING COUNT(*) > 1")
                    .query(String.class).list();
        }
        if (keys.isEmpty()) {
            return 0;
        }
        // a few repeated facts: their rows by key; many: every row grouped by its key once more
        boolean few = keys.size() <= KEYS_PER_QUERY;
        String repeatedRows = few ? "fact_key IN (:keys)"
                : "fact_key IN (SELECT fact_key FROM register_staging GROUP BY fact_key HAVING COUNT(*) > 1)";
        long[] duplicates = {0};
        var select = jdbc.sql("SELECT line_no FROM register_staging WHERE " + repeatedRows + " ORDER BY line_no");
        (few ? select.param("keys", keys) : select).query(rs -> {
            duplicates[0]++;
            sink.error(rs.getLong(1), "-", "DUPLICATE_FACT",
                    "the same fact (source system, personnummer, benefit, decision id, payment date) occurs more than once in the extract");
        });
        var delete = jdbc.sql("DELETE FROM register_staging WHERE " + repeatedRows);
        (few ? delete.param("keys", keys) : delete).update();
        return duplicates[0];
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
