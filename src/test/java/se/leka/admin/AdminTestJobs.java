package se.leka.admin;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Test-only jobs for the admin's tests: one that fails while {@link #FAIL} is set, one that blocks
 * until {@link #RELEASE} is counted down (a running execution with a known total), one that
 * declares its parameters, and one that ends UNKNOWN while {@link #LOSE_CHECKPOINT} is set.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AdminTestJobs {

    public static final String FAIL_ONCE = "admin-fail-once";
    public static final String BLOCKING = "admin-blocking";
    public static final String VALIDATED = "admin-validated";
    public static final String UNKNOWN_ONCE = "admin-unknown-once";
    /** Logged by the failing job: the job log must mask it. */
    public static final String PERSONNUMMER_IN_LOG = "200001012384";

    public static final AtomicBoolean FAIL = new AtomicBoolean();
    public static final AtomicBoolean LOSE_CHECKPOINT = new AtomicBoolean();
    public static final AtomicReference<CountDownLatch> RELEASE = new AtomicReference<>(new CountDownLatch(0));
    private static final Logger log = LoggerFactory.getLogger(AdminTestJobs.class);

    @Bean
    Job adminFailOnceJob(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        return new JobBuilder(FAIL_ONCE, jobRepository)
                .start(new StepBuilder("work", jobRepository)
                        .tasklet((contribution, chunkContext) -> {
                            // On purpose: proves the job log masks a personnummer that slips into a log line.
                            log.info("Working on a record about {}", PERSONNUMMER_IN_LOG);
                            if (FAIL.getAndSet(false)) {
                                throw new IllegalStateException("injected failure");
                            }
                            contribution.incrementReadCount();
                            return RepeatStatus.FINISHED;
                        }, transactionManager)
                        .build())
                .build();
    }

    /**
     * Knows its total (10 items, in the job execution context under {@code leka.totalItems}), commits
     * one item per chunk and blocks before reading the fifth until released: a running execution
     * with 4 of 10 items done.
     */
    @Bean
    Job adminBlockingJob(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        AtomicInteger read = new AtomicInteger();
        return new JobBuilder(BLOCKING, jobRepository)
                .start(new StepBuilder("count", jobRepository)
                        .tasklet((contribution, chunkContext) -> {
                            read.set(0);
                            contribution.getStepExecution().getJobExecution().getExecutionContext().putLong("leka.totalItems", 10);
                            return RepeatStatus.FINISHED;
                        }, transactionManager)
                        .build())
                .next(new StepBuilder("items", jobRepository)
                        .<Integer, Integer>chunk(1).transactionManager(transactionManager)
                        .reader(() -> {
                            int next = read.incrementAndGet();
                            if (next == 5 && !RELEASE.get().await(60, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("never released");
                            }
                            return next <= 10 ? next : null;
                        })
                        .writer(items -> { })
                        .build())
                .build();
    }

    @Bean
    Job adminValidatedJob(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        return new JobBuilder(VALIDATED, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {"partner"}, new String[] {"fileName"}))
                .start(new StepBuilder("work", jobRepository)
                        .tasklet((contribution, chunkContext) -> RepeatStatus.FINISHED, transactionManager)
                        .build())
                .build();
    }

    /**
     * Ends UNKNOWN, the way Spring Batch ends a step when the job repository cannot be written at the
     * step's end (as when PostgreSQL restarts under a running job): while {@link #LOSE_CHECKPOINT} is
     * set, the step's work fails (its chunk rolls back, as on a lost connection) and then writing the
     * step's checkpoint fails too — a listener puts a value into the step's execution context that
     * the repository cannot serialize — so Spring Batch marks the step UNKNOWN, and the job with it.
     * The value never reaches the database; a restart runs the step again from its last checkpoint.
     */
    @Bean
    Job adminUnknownOnceJob(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        return new JobBuilder(UNKNOWN_ONCE, jobRepository)
                .start(new StepBuilder("work", jobRepository)
                        .tasklet((contribution, chunkContext) -> {
                            if (LOSE_CHECKPOINT.get()) {
                                throw new IllegalStateException("injected: connection to the database lost");
                            }
                            contribution.incrementReadCount();
                            return RepeatStatus.FINISHED;
                        }, transactionManager)
                        .listener(new StepExecutionListener() {
                            @Override
                            public ExitStatus afterStep(StepExecution stepExecution) {
                                if (LOSE_CHECKPOINT.getAndSet(false)) {
                                    stepExecution.getExecutionContext().put("unwritable", new Object());
                                }
                                return null;
                            }
                        })
                        .build())
                .build();
    }
}
