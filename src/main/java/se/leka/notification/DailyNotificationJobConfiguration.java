package se.leka.notification;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import se.leka.agreement.DisclosureDecisions;
import se.leka.audit.DisclosureLog;
import se.leka.audit.JobLog;
import se.leka.exchange.ExchangeProperties;
import se.leka.exchange.Mailbox;
import se.leka.exchange.Outboxes;
import se.leka.format.OrgNumber;
import se.leka.order.Watches;
import se.leka.register.RegisterReader;

/**
 * The {@code daily-notification} job (card: {@code jobs/daily-notification/README.md}), the daily
 * change run (dygnskörning): {@code plan} (calendar, upper bound of the change log, one row per
 * stream: planned or skipped with the reason) → {@code deliver}, partitioned one partition per
 * planned stream (a party's own watches, or those an agent ordered for it), each a
 * {@link StreamDelivery} of changes → {@code report}. Identified by {@code runDate} alone.
 *
 * <p>The worker step keeps all its state in its step execution context and reads its stream from
 * the partition's context, so the local {@link TaskExecutorPartitionHandler} can be replaced by
 * remote partitioning (spring-batch-integration, RabbitMQ) without changing it.
 */
@Configuration(proxyBeanMethods = false)
class DailyNotificationJobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DailyNotificationJobConfiguration.class);

    static final String JOB_NAME = "daily-notification";
    static final String RUN_DATE = "runDate";
    static final String TOTAL_ITEMS = "leka.totalItems";
    static final String UPPER_BOUND = "leka.notification.upperBound";
    static final String CREATED = "leka.notification.created";
    static final String WORKER = "daily-notification.stream";
    // Partition context keys: everything a worker needs, so it needs nothing else.
    static final String P_MAILBOX = "leka.notification.mailbox";
    static final String P_AGREEMENT = "leka.notification.agreementId";
    static final String P_FROM = "leka.notification.fromSequence";
    static final String P_TO = "leka.notification.toSequence";
    static final String P_RUN_DATE = "leka.notification.runDate";
    static final String P_CREATED = "leka.notification.created";
    static final String P_WATCHES = "leka.notification.activeWatches";

    @Bean(name = JOB_NAME)
    Job dailyNotificationJob(JobRepository jobRepository, Step dailyNotificationPlan, Step dailyNotificationDeliver,
                             Step dailyNotificationReport) {
        String completed = ExitStatus.COMPLETED.getExitCode();
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {RUN_DATE}, new String[0]))
                .start(dailyNotificationPlan).on(DailyPlanTasklet.NOT_A_DELIVERY_DAY.getExitCode()).end(DailyPlanTasklet.NOT_A_DELIVERY_DAY.getExitCode())
                .from(dailyNotificationPlan).on(completed).to(dailyNotificationDeliver)
                .from(dailyNotificationPlan).on("*").fail()
                .from(dailyNotificationDeliver).on(completed).to(dailyNotificationReport)
                .from(dailyNotificationDeliver).on("*").fail()
                .from(dailyNotificationReport).on(completed).end()
                .from(dailyNotificationReport).on("*").fail()
                .end()
                .build();
    }

    @Bean
    Step dailyNotificationPlan(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               DailyPlanTasklet dailyPlanTasklet) {
        return new StepBuilder("daily-notification.plan", jobRepository)
                .tasklet(dailyPlanTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    DailyPlanTasklet dailyPlanTasklet(DeliveryCalendar calendar, RegisterReader register, Watches watches,
                                      DisclosureDecisions decisions, NotificationStore store, JobRepository jobRepository,
                                      @Value("#{jobParameters['" + RUN_DATE + "']}") LocalDate runDate) {
        return new DailyPlanTasklet(calendar, register, watches, decisions, store, jobRepository, runDate);
    }

    @Bean
    Step dailyNotificationDeliver(JobRepository jobRepository, Partitioner dailyStreamPartitioner, Step dailyNotificationStream,
                                  @Value("${leka.notification.partition-threads:2}") int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setThreadNamePrefix("daily-notification-");
        executor.setTaskDecorator(JobLog.followingTheJob()); // the job log follows the job onto the partition threads
        executor.initialize();
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(dailyNotificationStream);
        handler.setTaskExecutor(executor);
        return new StepBuilder("daily-notification.deliver", jobRepository)
                .partitioner(WORKER, dailyStreamPartitioner)
                .partitionHandler(handler)
                .build();
    }

    /** One partition per stream the plan step found deliverable, named after its mailbox. */
    @Bean
    @JobScope
    Partitioner dailyStreamPartitioner(NotificationStore store,
                                       @Value("#{jobParameters['" + RUN_DATE + "']}") LocalDate runDate,
                                       @Value("#{jobExecutionContext['" + CREATED + "']}") String created) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (StreamRun run : store.streamRuns(runDate)) {
                if (run.status() == StreamRun.Status.SKIPPED || run.status() == StreamRun.Status.NOT_DUE) {
                    continue;
                }
                ExecutionContext context = new ExecutionContext();
                context.putString(P_MAILBOX, run.mailbox().relativeDir());
                context.putString(P_AGREEMENT, run.agreementId());
                context.putLong(P_FROM, run.fromSequence());
                context.putLong(P_TO, run.toSequence());
                context.putString(P_RUN_DATE, runDate.toString());
                context.putString(P_CREATED, created);
                context.putLong(P_WATCHES, run.activeWatches());
                partitions.put("stream-" + run.mailbox().relativeDir().replace('/', '-'), context);
            }
            return partitions;
        };
    }

    /** The worker: one stream's changes into one file; its state is its step execution context. */
    @Bean
    Step dailyNotificationStream(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 StreamDelivery dailyStreamDelivery) {
        return new StepBuilder(WORKER, jobRepository)
                .tasklet(dailyStreamDelivery, transactionManager)
                .stream(dailyStreamDelivery)
                .build();
    }

    @Bean
    @StepScope
    StreamDelivery dailyStreamDelivery(Watches watches, ChangeWindows windows, DisclosureDecisions decisions, RegisterReader register,
                                       NotificationStore store, Outboxes outboxes, DisclosureLog disclosureLog,
                                       ExchangeProperties exchange, PlatformTransactionManager transactionManager,
                                       ObjectProvider<NotificationCheckpoint> checkpoint,
                                       @Value("${leka.data-dir}") Path dataDir,
                                       @Value("${leka.notification.chunk-size:1000}") int chunkSize,
                                       @Value("${leka.notification.persons-per-page:" + ChangeGroups.PERSONS_PER_PAGE + "}") int personsPerPage,
                                       @Value("#{stepExecutionContext['" + P_WATCHES + "'] ?: 0}") long plannedWatches,
                                       @Value("#{stepExecutionContext['" + P_MAILBOX + "']}") String mailboxDir,
                                       @Value("#{stepExecutionContext['" + P_AGREEMENT + "']}") String agreementId,
                                       @Value("#{stepExecutionContext['" + P_FROM + "']}") Long from,
                                       @Value("#{stepExecutionContext['" + P_TO + "']}") Long to,
                                       @Value("#{stepExecutionContext['" + P_RUN_DATE + "']}") String runDay,
                                       @Value("#{stepExecutionContext['" + P_CREATED + "']}") String created) {
        Mailbox mailbox = NotificationStore.mailbox(mailboxDir);
        LocalDate runDate = LocalDate.parse(runDay);
        OrgNumber agent = mailbox.viaAgent() ? mailbox.login() : null;
        // Changes first, then only the stream's watches of the persons that changed (see ChangeGroups).
        ChangeGroups changes = new ChangeGroups(persons -> watches.activeOf(mailbox.party(), agent, persons), windows,
                decisions.policyFor(mailbox.party(), agent, agreementId, runDate), register, from, to, personsPerPage);
        Path workDir = dataDir.resolve("work").resolve("notification").resolve(runDay).resolve(mailboxDir.replace('/', '_'));
        return new StreamDelivery(new StreamDelivery.Target(mailbox, agreementId, "daily:" + runDay + ":" + mailboxDir,
                LocalDateTime.parse(created), workDir), changes, chunkSize, outboxes, disclosureLog,
                OrgNumber.parse(exchange.ownOrgNumber()), transactionManager, (fileName, persons) -> {
                    if (!store.advance(mailbox, from, to, runDate)) {
                        throw new IllegalStateException("The watermark of " + mailbox + " is no longer " + from
                                + ": another run has delivered this stream since; abandon this execution (ops/daily-notification.md)");
                    }
                    store.finishStreamRun(runDate, mailbox, fileName == null ? StreamRun.Status.NO_CHANGES
                            : StreamRun.Status.DELIVERED, persons, fileName);
                }, checkpoint.getIfAvailable()).countingWatches(plannedWatches);
    }

    @Bean
    Step dailyNotificationReport(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 NotificationStore store) {
        return new StepBuilder("daily-notification.report", jobRepository)
                .tasklet((contribution, chunk) -> {
                    LocalDate runDate = (LocalDate) chunk.getStepContext().getJobParameters().get(RUN_DATE);
                    Map<StreamRun.Status, Integer> counts = new java.util.EnumMap<>(StreamRun.Status.class);
                    StringBuilder skipped = new StringBuilder();
                    for (StreamRun run : store.streamRuns(runDate)) {
                        counts.merge(run.status(), 1, Integer::sum);
                        if (run.status() == StreamRun.Status.SKIPPED) {
                            skipped.append(skipped.isEmpty() ? "" : "; ").append(run.mailbox()).append(' ').append(run.reason());
                        }
                    }
                    ExecutionContext job = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
                    job.putString("leka.notification.streams", counts.toString());
                    job.putString("leka.notification.skipped", skipped.toString());
                    log.info("Daily run {} done: {}{}", runDate, counts, skipped.isEmpty() ? "" : "; skipped: " + skipped);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

}
