package se.leka.admin;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import se.leka.audit.JobLog;
import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;

/**
 * Purging execution history, and the retention of job logs.
 *
 * <p>Only <em>finished</em> job instances are touched: those whose last execution is COMPLETED or
 * ABANDONED. An instance whose last execution is FAILED or STOPPED may still be restarted — and a
 * restart needs every earlier execution of it (a step completed in an earlier execution is not run
 * again) — so nothing of it is purged, however old. Of a finished instance, every execution that
 * ended more than N days ago is purged:
 * <ul>
 * <li>an earlier execution (a failed attempt before the one that completed, say) is deleted with
 * its steps, contexts, parameters, owner row and job log, through {@link JobRepository};</li>
 * <li>the last execution stays, with its parameters: it is the instance's identity, what makes
 * Spring Batch refuse to run the same business parameters (the same file) again — without it, or
 * without its identifying parameters, the same file could be processed twice. Its steps and job
 * log are deleted and the execution is marked purged ({@code job_execution_purge}).</li>
 * </ul>
 * Every purge is recorded in the operator action log. Job log lines older than
 * {@code leka.admin.history.job-log-retention-days} are deleted nightly.
 */
@Service
class HistoryPurge {

    private static final Logger log = LoggerFactory.getLogger(HistoryPurge.class);
    static final String ACTION = "PURGE_HISTORY";
    static final String TARGET = "EXECUTION_HISTORY";

    /** What a purge of history older than {@code days} removes, per job. */
    public record Preview(int days, LocalDateTime cutoff, Map<String, Counts> perJob) {

        public long deleted() {
            return perJob.values().stream().mapToLong(Counts::deleted).sum();
        }

        public long compacted() {
            return perJob.values().stream().mapToLong(Counts::compacted).sum();
        }

        public boolean empty() {
            return deleted() + compacted() == 0;
        }
    }

    /** @param deleted earlier executions deleted whole; @param compacted last executions kept, steps and log removed */
    public record Counts(long deleted, long compacted) {
    }

    /** When an execution's history was purged and by whom. */
    public record Purged(LocalDateTime purgedAt, String purgedBy) {
    }

    private record Candidate(long executionId, String jobName, boolean last) {
    }

    private final JdbcClient jdbc;
    private final JobRepository jobRepository;
    private final JobLog jobLog;
    private final OperatorActionLog actionLog;
    private final TransactionTemplate tx;
    private final AdminProperties.History settings;

    HistoryPurge(JdbcClient jdbc, JobRepository jobRepository, JobLog jobLog, OperatorActionLog actionLog,
                 TransactionTemplate tx, AdminProperties properties) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.jobLog = jobLog;
        this.actionLog = actionLog;
        this.tx = tx;
        this.settings = properties.history();
    }

    int defaultDays() {
        return settings.purgeAfterDays();
    }

    Preview preview(int days) {
        LocalDateTime cutoff = cutoff(days);
        Map<String, Counts> perJob = new TreeMap<>();
        for (Candidate c : candidates(cutoff)) {
            Counts counts = perJob.getOrDefault(c.jobName(), new Counts(0, 0));
            perJob.put(c.jobName(), c.last() ? new Counts(counts.deleted(), counts.compacted() + 1)
                    : new Counts(counts.deleted() + 1, counts.compacted()));
        }
        return new Preview(days, cutoff, perJob);
    }

    /** Purges the history older than {@code days} days (at least 1); recorded in the operator action log. */
    ExecutionActions.Result purge(int days, String actor) {
        ExecutionActions.Result result;
        String detail = "history older than " + days + " days";
        if (days < 1) {
            result = new ExecutionActions.Result(false, null, "give an age of at least 1 day");
        } else {
            LocalDateTime cutoff = cutoff(days);
            List<Candidate> candidates = candidates(cutoff);
            long deleted = 0;
            long compacted = 0;
            long lines = 0;
            for (Candidate c : candidates) {
                Long removedLines = tx.execute(s -> c.last() ? compact(c.executionId(), actor) : delete(c.executionId()));
                lines += removedLines == null ? 0 : removedLines;
                if (c.last()) {
                    compacted++;
                } else {
                    deleted++;
                }
            }
            detail += " (ended before " + cutoff + ")";
            result = new ExecutionActions.Result(true, null, deleted + " earlier executions deleted, " + compacted
                    + " last executions of finished instances kept as their identity with steps and job log removed, "
                    + lines + " job log lines deleted");
            log.info("History purge by {}: {}", actor, result.message());
        }
        actionLog.record(actor, ACTION, TARGET, "older than " + days + " days", detail,
                result.done() ? OperatorAction.DONE : OperatorAction.REFUSED, result.message());
        return result;
    }

    Optional<Purged> purgeOf(long executionId) {
        return jdbc.sql("SELECT purged_at, purged_by FROM job_execution_purge WHERE job_execution_id = ?").param(executionId)
                .query((rs, n) -> new Purged(rs.getTimestamp(1).toLocalDateTime(), rs.getString(2))).optional();
    }

    /** Deletes job log lines older than {@code leka.admin.history.job-log-retention-days}, nightly. */
    @Scheduled(cron = "${leka.admin.history.job-log-retention-cron:0 45 3 * * *}", zone = "Europe/Stockholm")
    long applyJobLogRetention() {
        LocalDateTime before = LocalDateTime.now().minusDays(settings.jobLogRetentionDays());
        long deleted = jobLog.deleteLoggedBefore(before);
        log.info("Job log retention ({} days): {} lines logged before {} deleted", settings.jobLogRetentionDays(), deleted, before);
        return deleted;
    }

    private static LocalDateTime cutoff(int days) {
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).minusDays(Math.max(days, 0));
    }

    /** Executions of finished instances (last execution COMPLETED or ABANDONED) that ended before the cutoff, not yet purged. */
    private List<Candidate> candidates(LocalDateTime cutoff) {
        return new ArrayList<>(jdbc.sql("""
                SELECT e.job_execution_id, i.job_name, CASE WHEN e.job_execution_id = l.last_id THEN 1 ELSE 0 END
                FROM batch_job_execution e
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                JOIN (SELECT job_instance_id, MAX(job_execution_id) AS last_id FROM batch_job_execution GROUP BY job_instance_id) l
                  ON l.job_instance_id = e.job_instance_id
                JOIN batch_job_execution le ON le.job_execution_id = l.last_id
                WHERE le.status IN ('COMPLETED', 'ABANDONED')
                  AND e.status NOT IN ('STARTING', 'STARTED', 'STOPPING')
                  AND COALESCE(e.end_time, e.create_time) < ?
                  AND NOT EXISTS (SELECT 1 FROM job_execution_purge p WHERE p.job_execution_id = e.job_execution_id)
                ORDER BY e.job_execution_id""")
                .param(Timestamp.valueOf(cutoff))
                .query((rs, n) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getInt(3) == 1))
                .list());
    }

    /** An earlier execution of a finished instance: gone entirely. @return job log lines deleted */
    private long delete(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        jobRepository.deleteJobExecution(execution);
        jdbc.sql("DELETE FROM job_execution_owner WHERE job_execution_id = ?").param(executionId).update();
        return jobLog.deleteOf(List.of(executionId));
    }

    /** The last execution of a finished instance: kept with its parameters, its steps and job log removed. */
    private long compact(long executionId, String actor) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        for (StepExecution step : List.copyOf(execution.getStepExecutions())) {
            jobRepository.deleteStepExecution(step);
        }
        jdbc.sql("INSERT INTO job_execution_purge (job_execution_id, purged_at, purged_by) VALUES (?, ?, ?)")
                .params(executionId, Timestamp.valueOf(LocalDateTime.now().truncatedTo(ChronoUnit.MICROS)), actor).update();
        return jobLog.deleteOf(List.of(executionId));
    }
}
