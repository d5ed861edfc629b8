package se.leka.audit;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskDecorator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

/**
 * Job logs: every log line emitted while a job execution runs, kept per execution for operators
 * and auditors.
 *
 * <p>Capture is keyed by the MDC: between {@link #beginCapture(long)} and {@link #endCapture(long)}
 * the running thread carries {@value #MDC_EXECUTION} (the execution id, also visible in the
 * structured console log) and {@value #MDC_SINK} (this application's capture, so that two
 * applications in one JVM never mix their lines). A Logback appender buffers those lines and a
 * background thread writes them in batches, on its own connection — outside the job's transaction,
 * so a rolled-back chunk keeps its log. Threads a job starts itself must copy the MDC to be captured.
 *
 * <p>Unlike the disclosure log and the operator action log, job logs are not kept forever: the
 * admin deletes the lines of executions whose history it purges, and lines older than its job-log
 * retention ({@link #deleteOf}, {@link #deleteLoggedBefore}).
 */
@Service
public class JobLog implements SmartLifecycle {

    public static final String MDC_EXECUTION = "jobExecutionId";
    public static final String MDC_SINK = "lekaJobLog";
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(JobLog.class);
    private static final int BATCH = 500;
    private static final int CAPACITY = 100_000;

    record Pending(long jobExecutionId, LocalDateTime loggedAt, String level, String logger, String thread,
                   String message) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final String sinkId = UUID.randomUUID().toString();
    private final BlockingQueue<Pending> buffer = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Object writeLock = new Object();
    private volatile JobLogAppender appender;
    private volatile ScheduledExecutorService flusher;

    JobLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Decorates a task handed to another thread with the submitting thread's MDC, so that what the
     * task logs lands in the same job log; the thread's own MDC is put back afterwards. For
     * executors of a job's threads (partitions, read-ahead).
     */
    public static TaskDecorator followingTheJob() {
        return task -> {
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            return () -> {
                Map<String, String> before = MDC.getCopyOfContextMap();
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                try {
                    task.run();
                } finally {
                    if (before != null) {
                        MDC.setContextMap(before);
                    } else {
                        MDC.clear();
                    }
                }
            };
        };
    }

    /** From now until {@link #endCapture}, this thread's log lines belong to the execution. */
    public void beginCapture(long jobExecutionId) {
        attachAppender();
        MDC.put(MDC_EXECUTION, Long.toString(jobExecutionId));
        MDC.put(MDC_SINK, sinkId);
    }

    /** Stops capturing on this thread and writes everything buffered so far. */
    public void endCapture(long jobExecutionId) {
        MDC.remove(MDC_EXECUTION);
        MDC.remove(MDC_SINK);
        flush();
    }

    /** The execution's lines in the order they were logged. */
    public List<JobLogLine> lines(long jobExecutionId) {
        return jdbc.sql("SELECT id, job_execution_id, logged_at, level, logger, thread, message FROM job_log "
                        + "WHERE job_execution_id = ? ORDER BY id")
                .param(jobExecutionId)
                .query((rs, n) -> new JobLogLine(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toLocalDateTime(),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    /** Streams the execution's lines as text, one after the other, without holding them all in memory. */
    public void writeText(long jobExecutionId, Consumer<String> out) {
        jdbcTemplate.query("SELECT id, job_execution_id, logged_at, level, logger, thread, message FROM job_log "
                        + "WHERE job_execution_id = ? ORDER BY id",
                (RowCallbackHandler) rs -> out.accept(new JobLogLine(rs.getLong(1), rs.getLong(2),
                        rs.getTimestamp(3).toLocalDateTime(), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7)).asText()),
                jobExecutionId);
    }

    /** Deletes every line of these executions (their history was purged). @return the lines deleted */
    public long deleteOf(java.util.Collection<Long> jobExecutionIds) {
        long deleted = 0;
        List<Long> ids = List.copyOf(jobExecutionIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> slice = ids.subList(from, Math.min(ids.size(), from + 500));
            deleted += jdbc.sql("DELETE FROM job_log WHERE job_execution_id IN ("
                    + String.join(", ", java.util.Collections.nCopies(slice.size(), "?")) + ")").params(List.copyOf(slice)).update();
        }
        return deleted;
    }

    /** Deletes every line logged before {@code before} (the retention of job logs). @return the lines deleted */
    public long deleteLoggedBefore(LocalDateTime before) {
        return jdbc.sql("DELETE FROM job_log WHERE logged_at < ?").param(Timestamp.valueOf(before)).update();
    }

    /** Writes every buffered line now (also done every half second in the background). */
    public void flush() {
        synchronized (writeLock) {
            List<Pending> batch = new ArrayList<>(BATCH);
            while (buffer.drainTo(batch, BATCH) > 0) {
                write(batch);
                batch.clear();
            }
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            log.warn("Job log buffer was full: {} lines were not captured", lost);
        }
    }

    void offer(Pending line) {
        if (!buffer.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void write(List<Pending> batch) {
        try {
            jdbcTemplate.batchUpdate("INSERT INTO job_log (job_execution_id, logged_at, level, logger, thread, message) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", batch.stream().map(p -> new Object[] {p.jobExecutionId(),
                    Timestamp.valueOf(p.loggedAt()), p.level(), p.logger(), p.thread(), p.message()}).toList());
        } catch (RuntimeException e) {
            // Never let a logging problem fail a job; the flusher thread carries no MDC, so this is not captured.
            log.error("Could not write {} job log lines", batch.size(), e);
        }
    }

    private void attachAppender() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        JobLogAppender current = appender;
        if (current == null || root.getAppender(current.getName()) == null) {
            JobLogAppender fresh = new JobLogAppender(this, sinkId);
            fresh.setContext(context);
            fresh.start();
            root.addAppender(fresh);
            appender = fresh;
        }
    }

    @Override
    public void start() {
        attachAppender();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-log-flusher");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::flush, 500, 500, TimeUnit.MILLISECONDS);
        flusher = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = flusher;
        flusher = null;
        if (executor != null) {
            executor.shutdown();
        }
        flush();
        JobLogAppender current = appender;
        if (current != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(current);
            current.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }

    /** Stops late, after the jobs' executors, so their last lines are written. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
