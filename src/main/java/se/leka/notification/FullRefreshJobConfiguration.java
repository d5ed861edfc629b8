package se.leka.notification;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import se.leka.agreement.Agreement;
import se.leka.agreement.DisclosureDecision;
import se.leka.agreement.DisclosureDecisions;
import se.leka.agreement.DisclosurePolicy;
import se.leka.audit.DisclosureLog;
import se.leka.exchange.ExchangeProperties;
import se.leka.exchange.Mailbox;
import se.leka.exchange.Outboxes;
import se.leka.exchange.Receipt;
import se.leka.exchange.ReceiptError;
import se.leka.exchange.ReceiptStatus;
import se.leka.exchange.Receipts;
import se.leka.format.FileName;
import se.leka.format.OrgNumber;
import se.leka.order.CompleteInformation;
import se.leka.order.Watches;

/**
 * The {@code full-refresh} job (card: {@code jobs/full-refresh/README.md}): complete information
 * (informationstyp 0) for every active watch of one party, into one delivery file — asked for with a
 * whole-stock refresh request file (HELU, identified by the inbound file's id and checksum; answered
 * with a RECORDS receipt too) or launched by an operator with {@code partner} and {@code runDate}.
 * {@code check} (the party may receive on the day) → {@code deliver} (a {@link StreamDelivery} of
 * complete information) → {@code receipt}. Watermarks of the daily run are not touched.
 */
@Configuration(proxyBeanMethods = false)
class FullRefreshJobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FullRefreshJobConfiguration.class);

    static final String JOB_NAME = "full-refresh";
    static final String FILE_ID = "inboundFileId";
    static final String CHECKSUM = "inboundFileChecksum";
    static final String RECORD_COUNT = "recordCount";
    static final String FILE_NAME = "fileName";
    static final String MAILBOX = "mailbox";
    static final String RECEIVED_AT = "receivedAt";
    static final String PARTNER = "partner";
    static final String RUN_DATE = "runDate";
    static final ExitStatus REFUSED = new ExitStatus("REFUSED");
    /** A HELU file has only its start and end records. */
    static final String DETAIL_RECORDS_NOT_ALLOWED = "DETAIL_RECORDS_NOT_ALLOWED";
    // Job execution-context keys written by the check step.
    static final String C_MAILBOX = "leka.refresh.mailbox";
    static final String C_AGREEMENT = "leka.refresh.agreementId";
    static final String C_DAY = "leka.refresh.day";
    static final String C_CREATED = "leka.refresh.created";
    static final String C_REFUSAL_CODE = "leka.refresh.refusalCode";
    static final String C_REFUSAL_FIELD = "leka.refresh.refusalField";
    static final String C_REFUSAL_MESSAGE = "leka.refresh.refusalMessage";

    @Bean(name = JOB_NAME)
    Job fullRefreshJob(JobRepository jobRepository, Step fullRefreshCheck, Step fullRefreshDeliver, Step fullRefreshReceipt) {
        String completed = ExitStatus.COMPLETED.getExitCode();
        String refused = REFUSED.getExitCode();
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[0],
                        new String[] {FILE_ID, CHECKSUM, RECORD_COUNT, FILE_NAME, MAILBOX, RECEIVED_AT, PARTNER, RUN_DATE}))
                .start(fullRefreshCheck).on(refused).to(fullRefreshReceipt)
                .from(fullRefreshCheck).on(completed).to(fullRefreshDeliver)
                .from(fullRefreshCheck).on("*").fail()
                .from(fullRefreshDeliver).on(completed).to(fullRefreshReceipt)
                .from(fullRefreshDeliver).on("*").fail()
                .from(fullRefreshReceipt).on(refused).end(refused)
                .from(fullRefreshReceipt).on(completed).end()
                .from(fullRefreshReceipt).on("*").fail()
                .end()
                .build();
    }

    /**
     * Who asks, on which day, and whether the party may receive anything then: the sender's standing
     * (agent's assignment, agreement) on the day the file was received, or on the operator's run date.
     */
    @Bean
    Step fullRefreshCheck(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          DisclosureDecisions decisions, Watches watches) {
        return new StepBuilder("full-refresh.check", jobRepository)
                .tasklet((contribution, chunk) -> {
                    Map<String, Object> params = chunk.getStepContext().getJobParameters();
                    boolean file = params.containsKey(FILE_ID);
                    if (!file && (!params.containsKey(PARTNER) || !params.containsKey(RUN_DATE))) {
                        throw new IllegalArgumentException("full-refresh needs either the inbound file (" + FILE_ID + ", " + CHECKSUM
                                + ", …) or " + PARTNER + " and " + RUN_DATE);
                    }
                    Mailbox mailbox = params.containsKey(MAILBOX) ? NotificationStore.mailbox((String) params.get(MAILBOX))
                            : Mailbox.of(OrgNumber.parse((String) params.get(PARTNER)));
                    LocalDateTime created = file ? LocalDateTime.parse((String) params.get(RECEIVED_AT))
                            : LocalDateTime.now(ZoneId.of("Europe/Stockholm")).withNano(0);
                    LocalDate day = file ? created.toLocalDate() : (LocalDate) params.get(RUN_DATE);
                    ExecutionContext job = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
                    job.putString(C_MAILBOX, mailbox.relativeDir());
                    job.putString(C_DAY, day.toString());
                    job.putString(C_CREATED, created.toString());
                    DisclosurePolicy policy = decisions.policyFor(mailbox.party(), mailbox.viaAgent() ? mailbox.login() : null,
                            null, day);
                    if (file && params.get(RECORD_COUNT) != null && ((Long) params.get(RECORD_COUNT)) != 0) {
                        refuse(job, DETAIL_RECORDS_NOT_ALLOWED, "recordCount", "a whole-stock refresh request has no detail"
                                + " records, only the start and end records; this one has " + params.get(RECORD_COUNT));
                    } else if (policy.partyLevelRefusal().isPresent()) {
                        DisclosureDecision.Refused refusal = policy.partyLevelRefusal().get();
                        refuse(job, refusal.reason().name(), mailbox.viaAgent() && refusal.reason().name().contains("ASSIGNMENT")
                                ? "sender" : "agreementId", refusal.message());
                    }
                    if (job.containsKey(C_REFUSAL_CODE)) {
                        job.putLong(DailyNotificationJobConfiguration.TOTAL_ITEMS, 0);
                        log.warn("Full refresh for {} refused: {} {}", mailbox, job.getString(C_REFUSAL_CODE),
                                job.getString(C_REFUSAL_MESSAGE));
                        contribution.setExitStatus(REFUSED);
                        return RepeatStatus.FINISHED;
                    }
                    job.putString(C_AGREEMENT, policy.agreement().map(Agreement::agreementId).orElseThrow());
                    job.putLong(DailyNotificationJobConfiguration.TOTAL_ITEMS, watches.activeOf(mailbox.party()).size());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    private static void refuse(ExecutionContext job, String code, String field, String message) {
        job.putString(C_REFUSAL_CODE, code);
        job.putString(C_REFUSAL_FIELD, field);
        job.putString(C_REFUSAL_MESSAGE, message);
    }

    @Bean
    Step fullRefreshDeliver(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            StreamDelivery fullRefreshDelivery) {
        return new StepBuilder("full-refresh.deliver", jobRepository)
                .tasklet(fullRefreshDelivery, transactionManager)
                .stream(fullRefreshDelivery)
                .build();
    }

    @Bean
    @StepScope
    StreamDelivery fullRefreshDelivery(Watches watches, DisclosureDecisions decisions, CompleteInformation complete,
                                       Outboxes outboxes, DisclosureLog disclosureLog, ExchangeProperties exchange,
                                       PlatformTransactionManager transactionManager,
                                       ObjectProvider<NotificationCheckpoint> checkpoint,
                                       @Value("${leka.data-dir}") Path dataDir,
                                       @Value("${leka.notification.chunk-size:1000}") int chunkSize,
                                       @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long instanceId,
                                       @Value("#{jobExecutionContext['" + C_MAILBOX + "']}") String mailboxDir,
                                       @Value("#{jobExecutionContext['" + C_AGREEMENT + "']}") String agreementId,
                                       @Value("#{jobExecutionContext['" + C_DAY + "']}") String day,
                                       @Value("#{jobExecutionContext['" + C_CREATED + "']}") String created) {
        Mailbox mailbox = NotificationStore.mailbox(mailboxDir);
        DisclosurePolicy policy = decisions.policyFor(mailbox.party(), mailbox.viaAgent() ? mailbox.login() : null, agreementId,
                LocalDate.parse(day));
        CompleteGroups groups = new CompleteGroups(() -> watches.activeOf(mailbox.party()), policy, complete);
        return new StreamDelivery(new StreamDelivery.Target(mailbox, agreementId, outputKey(instanceId), LocalDateTime.parse(created),
                dataDir.resolve("work").resolve("full-refresh").resolve(Long.toString(instanceId))), groups, chunkSize, outboxes,
                disclosureLog, OrgNumber.parse(exchange.ownOrgNumber()), transactionManager,
                (fileName, persons) -> log.info("Full refresh for {}: {} persons", mailbox, persons), checkpoint.getIfAvailable());
    }

    /** The delivery's output key: one per job instance, so a restart publishes the same file. */
    static String outputKey(long jobInstanceId) {
        return "full-refresh:" + jobInstanceId;
    }

    /** The RECORDS receipt for a HELU file (an operator's refresh has none): ACCEPTED, or REJECTED saying why. */
    @Bean
    Step fullRefreshReceipt(JobRepository jobRepository, PlatformTransactionManager transactionManager, Receipts receipts) {
        return new StepBuilder("full-refresh.receipt", jobRepository)
                .tasklet((contribution, chunk) -> {
                    Map<String, Object> params = chunk.getStepContext().getJobParameters();
                    ExecutionContext job = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
                    boolean refused = job.containsKey(C_REFUSAL_CODE);
                    if (params.containsKey(FILE_ID)) {
                        String fileName = (String) params.get(FILE_NAME);
                        long records = params.get(RECORD_COUNT) == null ? 0 : (Long) params.get(RECORD_COUNT);
                        List<ReceiptError> errors = refused ? List.of(new ReceiptError(0, job.getString(C_REFUSAL_FIELD),
                                job.getString(C_REFUSAL_CODE), job.getString(C_REFUSAL_MESSAGE))) : List.of();
                        receipts.send(NotificationStore.mailbox(job.getString(C_MAILBOX)), (Long) params.get(FILE_ID),
                                new Receipt(Receipt.Kind.RECORDS, fileName, (String) params.get(CHECKSUM),
                                        FileName.parse(fileName).sequenceNumber(),
                                        refused ? ReceiptStatus.REJECTED : ReceiptStatus.ACCEPTED, records, 0, records,
                                        LocalDateTime.parse((String) params.get(RECEIVED_AT)), errors),
                                chunk.getStepContext().getStepExecution().getJobExecutionId());
                    }
                    if (refused) {
                        contribution.setExitStatus(REFUSED);
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
