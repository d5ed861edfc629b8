package se.leka.fee;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import se.leka.agreement.Agreement;
import se.leka.agreement.Agreements;
import se.leka.agreement.Parties;
import se.leka.agreement.Party;
import se.leka.audit.DisclosureLog;
import se.leka.exchange.ExchangeProperties;
import se.leka.exchange.Mailbox;
import se.leka.exchange.Outboxes;
import se.leka.exchange.PartnerMailboxes;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;

/**
 * The {@code fee-calculation} job (card: {@code jobs/fee-calculation/README.md}): for the period
 * before {@code runDate}, every agreement's fee into the ledger ({@code compute}), the invoice basis
 * CSV for finance ({@code invoice-basis}) and a fee specification (AVGI) per agreement into the
 * partner's outbox ({@code specifications}). Identified by {@code runDate} alone, so each business
 * date runs once; every step is idempotent, so a restart simply runs the failed step again.
 */
@Configuration(proxyBeanMethods = false)
class FeeCalculationJobConfiguration {

    static final String JOB_NAME = "fee-calculation";
    static final String RUN_DATE = "runDate";
    static final String PERIOD = "fee.period";
    static final String TOTAL_ITEMS = "leka.totalItems";
    private static final Logger log = LoggerFactory.getLogger(FeeCalculationJobConfiguration.class);

    /** What the processor hands the writer: one agreement's computed lines. */
    record AgreementFee(AgreementTerms terms, List<FeeLine> lines) {
    }

    @Bean(name = JOB_NAME)
    Job feeCalculationJob(JobRepository jobRepository, Step feePrepare, Step feeCompute, Step feeInvoiceBasis,
                          Step feeSpecifications) {
        String completed = ExitStatus.COMPLETED.getExitCode();
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {RUN_DATE}, new String[0]))
                .start(feePrepare).on(completed).to(feeCompute)
                .from(feePrepare).on("*").fail()
                .from(feeCompute).on(completed).to(feeInvoiceBasis)
                .from(feeCompute).on("*").fail()
                .from(feeInvoiceBasis).on(completed).to(feeSpecifications)
                .from(feeInvoiceBasis).on("*").fail()
                .from(feeSpecifications).on(completed).end()
                .from(feeSpecifications).on("*").fail()
                .end()
                .build();
    }

    @Bean
    Step feePrepare(JobRepository jobRepository, PlatformTransactionManager transactionManager, FeeModels models,
                    Agreements agreements) {
        return new StepBuilder("fee-calculation.prepare", jobRepository)
                .tasklet((contribution, chunk) -> {
                    LocalDate runDate = runDate(chunk);
                    FeePeriod period = models.periodBefore(runDate);
                    ExecutionContext context = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
                    context.putString(PERIOD, period.kind() + ":" + period.start() + ":" + period.end());
                    context.putLong(TOTAL_ITEMS, billable(agreements, period).size());
                    log.info("Fee run {} computes period {}", runDate, period);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step feeCompute(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                    ListItemReader<String> billableAgreements, ItemProcessor<String, AgreementFee> agreementFees,
                    ItemWriter<AgreementFee> ledgerWriter) {
        // Chunks of agreements; a restart computes every agreement again and the ledger writes only
        // differences, so committed chunks add nothing the second time.
        return new StepBuilder("fee-calculation.compute", jobRepository)
                .<String, AgreementFee>chunk(50)
                .transactionManager(transactionManager)
                .reader(billableAgreements)
                .processor(agreementFees)
                .writer(ledgerWriter)
                .build();
    }

    @Bean
    @StepScope
    ListItemReader<String> billableAgreements(Agreements agreements, @Value("#{jobExecutionContext['" + PERIOD + "']}") String period) {
        return new ListItemReader<>(billable(agreements, period(period)).stream().map(Agreement::agreementId).toList());
    }

    @Bean
    @StepScope
    ItemProcessor<String, AgreementFee> agreementFees(Agreements agreements, Parties parties, FeeModels models,
                                                       DisclosureLog disclosures,
                                                       @Value("#{jobExecutionContext['" + PERIOD + "']}") String periodValue) {
        FeePeriod period = period(periodValue);
        Map<String, SortedMap<LocalDate, FeeCalculator.DayVolume>> volumes = new HashMap<>();
        disclosures.dailyVolumes(period.start(), period.end()).forEach(v -> volumes
                .computeIfAbsent(v.agreementId(), k -> new TreeMap<>())
                .merge(v.day(), new FeeCalculator.DayVolume(v.delivered(), v.answered()),
                        (a, b) -> new FeeCalculator.DayVolume(a.delivered() + b.delivered(), a.answered() + b.answered())));
        return agreementId -> {
            Agreement agreement = agreements.find(agreementId).orElseThrow();
            Party party = parties.find(agreement.party()).orElseThrow();
            AgreementTerms terms = AgreementTerms.of(agreement, party.type());
            return new AgreementFee(terms, FeeCalculator.compute(terms, period, models,
                    volumes.getOrDefault(agreementId, new TreeMap<>())));
        };
    }

    @Bean
    @StepScope
    ItemWriter<AgreementFee> ledgerWriter(FeeLedger ledger, @Value("#{jobParameters['" + RUN_DATE + "']}") LocalDate runDate,
                                          @Value("#{jobExecutionContext['" + PERIOD + "']}") String period,
                                          @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        return chunk -> chunk.getItems().forEach(fee -> {
            List<LedgerEntry> written = ledger.record(fee.terms(), period(period), fee.lines(), runDate, jobExecutionId);
            if (!written.isEmpty()) {
                log.info("Agreement {}: {} ledger rows ({}), {} SEK", fee.terms().agreementId(), written.size(),
                        written.get(0).kind(), FeeLedger.total(written));
            }
        });
    }

    @Bean
    Step feeInvoiceBasis(JobRepository jobRepository, PlatformTransactionManager transactionManager, FeeLedger ledger,
                         Parties parties, FeeProperties properties) {
        return new StepBuilder("fee-calculation.invoice-basis", jobRepository)
                .tasklet((contribution, chunk) -> {
                    LocalDate runDate = runDate(chunk);
                    List<LedgerEntry> rows = ledger.writtenBy(runDate);
                    if (rows.isEmpty()) {
                        log.info("Fee run {} changed nothing in the ledger: no invoice basis", runDate);
                        return RepeatStatus.FINISHED;
                    }
                    Map<String, String> names = parties.all().stream()
                            .collect(Collectors.toMap(p -> p.orgNumber().value(), Party::name));
                    var file = InvoiceBasis.write(properties.financeDir(), period(chunk), runDate, rows, names);
                    log.info("Invoice basis {}: {} rows, {} SEK", file, rows.size(), FeeLedger.total(rows));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step feeSpecifications(JobRepository jobRepository, FeeLedger ledger, Outboxes outboxes, PartnerMailboxes mailboxes,
                           ExchangeProperties exchange) {
        // No step transaction: every delivery records itself (Outboxes.deliver is idempotent per key).
        return new StepBuilder("fee-calculation.specifications", jobRepository)
                .tasklet((contribution, chunk) -> {
                    LocalDate runDate = runDate(chunk);
                    FeePeriod period = period(chunk);
                    long jobExecutionId = chunk.getStepContext().getStepExecution().getJobExecutionId();
                    OrgNumber sender = OrgNumber.parse(exchange.ownOrgNumber());
                    Map<String, List<LedgerEntry>> byAgreement = new TreeMap<>(ledger.writtenBy(runDate).stream()
                            .collect(Collectors.groupingBy(LedgerEntry::agreementId)));
                    byAgreement.forEach((agreementId, written) -> {
                        OrgNumber party = OrgNumber.parse(written.get(0).party());
                        List<String> records = FeeSpecification.records(agreementId, party.value(), period.start(), period.end(),
                                runDate, written, FeeLedger.total(ledger.ofAgreement(agreementId, period.start())));
                        for (Mailbox mailbox : mailboxes.of(party, runDate)) {
                            outboxes.deliver(mailbox, FileType.AVGI,
                                    PartnerMailboxes.outputKey("fee:" + runDate + ":" + agreementId, mailbox), jobExecutionId,
                                    (name, out) -> FeeSpecification.write(sender, agreementId, runDate, name, records, out));
                        }
                    });
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }

    /** Agreements active on at least one day of the period. */
    static List<Agreement> billable(Agreements agreements, FeePeriod period) {
        return agreements.all().stream()
                .filter(a -> a.activeFrom() != null && !a.activeFrom().isAfter(period.end()))
                .filter(a -> a.terminationEffectiveOn() == null || a.terminationEffectiveOn().isAfter(period.start()))
                .toList();
    }

    private static LocalDate runDate(ChunkContext chunk) {
        return (LocalDate) chunk.getStepContext().getJobParameters().get(RUN_DATE);
    }

    private static FeePeriod period(ChunkContext chunk) {
        return period(chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext().getString(PERIOD));
    }

    static FeePeriod period(String value) {
        String[] parts = value.split(":");
        return new FeePeriod(FeePeriod.Kind.valueOf(parts[0]), LocalDate.parse(parts[1]), LocalDate.parse(parts[2]));
    }
}
