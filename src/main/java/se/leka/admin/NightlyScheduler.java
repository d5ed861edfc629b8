package se.leka.admin;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.stereotype.Component;

/**
 * Runs every {@code Job} bean that has {@code leka.jobs.<job>.cron} (Swedish time), with the one
 * identifying parameter {@value JobCatalogue#RUN_DATE_PARAMETER}: the business date of the firing.
 * No job registers anywhere; a job opts in by declaring {@code runDate} and getting a cron.
 *
 * <p>Several instances on one database: each job's run for a date is decided and started under a
 * short lease on the job's row in {@code scheduler_lock} (the database lock), and Spring Batch's
 * job repository refuses a second instance of the same job and {@code runDate} (unique job key;
 * a run that exists is complete, running, or — at catch-up — restarted), so exactly one instance
 * runs it. Runs go one at a time, in firing order, on this instance's single nightly thread, so an
 * earlier job of the night (expiry 01:30) finishes before a later one (daily run 02:00) starts here.
 *
 * <p>At start-up the dates missed in the last {@code leka.scheduler.catch-up-days} are run, oldest
 * first; a failed run of such a date is restarted. Operators run any job for any date from the
 * admin ("run now for date D").
 */
@Component
class NightlyScheduler implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    /** How long a run's decision waits for another instance that is deciding the same job. */
    static final Duration LEASE_WAIT = Duration.ofSeconds(60);

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final Logger log = LoggerFactory.getLogger(NightlyScheduler.class);

    /** A job due at a firing time. */
    record Due(ZonedDateTime at, String jobName) {

        LocalDate runDate() {
            return at.toLocalDate();
        }
    }

    private final JobCatalogue catalogue;
    private final JobRepository jobRepository;
    private final JdbcClient jdbc;
    private final Instances instances;
    private final SchedulerProperties properties;
    private final ThreadPoolTaskScheduler triggers = new ThreadPoolTaskScheduler();
    private final ThreadPoolTaskExecutor runner = new ThreadPoolTaskExecutor();
    private final SingletonSupplier<TaskExecutorJobOperator> operator;

    NightlyScheduler(JobCatalogue catalogue, JobRepository jobRepository, JdbcClient jdbc, Instances instances,
                     SchedulerProperties properties) {
        this.catalogue = catalogue;
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.instances = instances;
        this.properties = properties;
        triggers.setPoolSize(1);
        triggers.setThreadNamePrefix("nightly-trigger-");
        triggers.initialize();
        runner.setCorePoolSize(1);
        runner.setMaxPoolSize(1);
        runner.setThreadNamePrefix("nightly-job-");
        runner.setWaitForTasksToCompleteOnShutdown(true);
        runner.setAwaitTerminationSeconds(30);
        runner.initialize();
        this.operator = SingletonSupplier.of(() -> catalogue.operator(runner));
    }

    /** The scheduled jobs and their crons, by name. */
    Map<String, String> schedules() {
        Map<String, String> schedules = new TreeMap<>();
        catalogue.jobBeans().keySet().forEach(name -> {
            String cron = catalogue.cron(name);
            if (cron != null) {
                schedules.put(name, cron);
            }
        });
        return schedules;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!properties.enabled()) {
            log.info("Nightly scheduler disabled (leka.scheduler.enabled=false)");
            return;
        }
        schedules().forEach((name, cron) -> {
            triggers.schedule(() -> runFor(name, LocalDate.now(SWEDEN), false), new CronTrigger(cron, SWEDEN));
            log.info("Job {} scheduled: cron {} (Europe/Stockholm)", name, cron);
        });
        triggers.execute(() -> catchUp(ZonedDateTime.now(SWEDEN)));
    }

    /** Runs the dates missed in the catch-up window before {@code now}; returns the runs this instance started. */
    List<JobExecution> catchUp(ZonedDateTime now) {
        List<JobExecution> started = new ArrayList<>();
        for (Due due : missed(schedules(), now, properties.catchUpDays())) {
            runFor(due.jobName(), due.runDate(), true).ifPresent(started::add);
        }
        if (!started.isEmpty()) {
            log.info("Caught up {} missed nightly runs", started.size());
        }
        return started;
    }

    /** Every firing of the crons in the {@code days} before {@code now} (both ends included), oldest first. */
    static List<Due> missed(Map<String, String> schedules, ZonedDateTime now, int days) {
        List<Due> due = new ArrayList<>();
        ZonedDateTime from = now.minusDays(days);
        schedules.forEach((name, cron) -> {
            CronExpression expression = CronExpression.parse(cron);
            for (ZonedDateTime at = expression.next(from.minusNanos(1)); at != null && !at.isAfter(now); at = expression.next(at)) {
                due.add(new Due(at, name));
            }
        });
        due.sort(Comparator.comparing(Due::at).thenComparing(Due::jobName));
        return due;
    }

    /**
     * Starts {@code jobName} for {@code runDate} unless that run exists: complete, running (here or on
     * another instance) or abandoned. A failed or stopped run is restarted only when
     * {@code restartFailed} (catch-up); otherwise it is left to an operator. The run itself goes on
     * the nightly thread; this returns the execution this instance created, if it created one.
     */
    Optional<JobExecution> runFor(String jobName, LocalDate runDate, boolean restartFailed) {
        Job job = catalogue.job(jobName).orElse(null);
        if (job == null) {
            log.warn("Scheduled job {} is not deployed here", jobName);
            return Optional.empty();
        }
        JobParameters parameters = new JobParametersBuilder()
                .addLocalDate(JobCatalogue.RUN_DATE_PARAMETER, runDate).toJobParameters();
        if (!awaitLease(jobName)) {
            log.warn("{} for {}: another instance has held the decision for over {}; left to the next firing or catch-up",
                    jobName, runDate, LEASE_WAIT);
            return Optional.empty();
        }
        try {
            JobInstance instance = jobRepository.getJobInstance(jobName, parameters);
            if (instance != null) {
                JobExecution last = jobRepository.getLastJobExecution(instance);
                BatchStatus status = last == null ? BatchStatus.STARTING : last.getStatus();
                if ((status == BatchStatus.FAILED || status == BatchStatus.STOPPED) && restartFailed) {
                    log.info("{} for {}: restarting failed execution {}", jobName, runDate, last.getId());
                    return Optional.of(operator().restart(last));
                }
                log.info("{} for {}: already {}{}", jobName, runDate, status,
                        status == BatchStatus.FAILED || status == BatchStatus.STOPPED ? " (left to an operator)" : "");
                return Optional.empty();
            }
            JobExecution execution = operator().start(job, parameters);
            log.info("{} for {}: started execution {}", jobName, runDate, execution.getId());
            return Optional.of(execution);
        } catch (Exception e) {
            // The repository's unique job key: another instance created the same run between our look and our start.
            log.info("{} for {}: not started here ({})", jobName, runDate, e.toString());
            return Optional.empty();
        } finally {
            release(jobName);
        }
    }

    /**
     * Waits for the job's lease. The lease is held only while an instance decides one run (look up,
     * create), so the wait is short; giving up at once instead would lose runs: two instances
     * catching up the same dates can each skip the date the other was deciding a moment earlier.
     */
    boolean awaitLease(String jobName) {
        long deadline = System.nanoTime() + LEASE_WAIT.toNanos();
        long pauseMillis = 20;
        while (!lease(jobName)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pauseMillis = Math.min(500, pauseMillis * 2);
        }
        return true;
    }

    /** Takes the job's lease row: free, expired (holder dead) or already ours. */
    boolean lease(String jobName) {
        try {
            jdbc.sql("INSERT INTO scheduler_lock (job_name) VALUES (?)").param(jobName).update();
        } catch (DuplicateKeyException e) {
            // exists
        }
        return jdbc.sql("""
                UPDATE scheduler_lock SET owner = ?, locked_at = LOCALTIMESTAMP
                WHERE job_name = ? AND (locked_at IS NULL OR owner = ? OR locked_at < LOCALTIMESTAMP - INTERVAL '5' MINUTE)""")
                .params(instances.id(), jobName, instances.id()).update() == 1;
    }

    void release(String jobName) {
        jdbc.sql("UPDATE scheduler_lock SET owner = NULL, locked_at = NULL WHERE job_name = ? AND owner = ?")
                .params(jobName, instances.id()).update();
    }

    /** Built on first use, when every job bean exists. */
    private TaskExecutorJobOperator operator() {
        return operator.obtain();
    }

    @Override
    public void destroy() {
        triggers.shutdown();
        runner.shutdown();
    }
}
