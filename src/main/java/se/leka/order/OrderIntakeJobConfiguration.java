package se.leka.order;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import se.leka.agreement.DisclosureDecisions;
import se.leka.agreement.LegalBasis;
import se.leka.agreement.LegalBasisCatalogue;
import se.leka.audit.DisclosureLog;
import se.leka.exchange.ExchangeProperties;
import se.leka.exchange.Outboxes;
import se.leka.exchange.Receipts;
import se.leka.format.Personnummer;
import se.leka.format.BeanIoItemReader;
import se.leka.format.OrgNumber;
import se.leka.format.ParsedLine;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;
import se.leka.register.RegisterReader;

/**
 * The {@code order-intake} job (card: {@code jobs/order-intake/README.md}) for order files (BEST):
 * {@code envelope} (whole-file checks) → {@code check-lines} (every line checked and stored) →
 * {@code check-file} (count, duplicates, watches, refusal limit) → {@code apply} (watches). A
 * rejected file skips to the end with nothing applied. A run is identified by the inbound file's id
 * and checksum; its path and name are not identifying, so a restart continues the same instance.
 */
@Configuration(proxyBeanMethods = false)
class OrderIntakeJobConfiguration {

    static final String JOB_NAME = "order-intake";
    static final String FILE_ID = "inboundFileId";
    static final String CHECKSUM = "inboundFileChecksum";
    static final String FILE = "inboundFile";
    static final String FILE_NAME = "fileName";
    static final String PARTNER = "partner";
    static final String MAILBOX = "mailbox";
    static final String RECEIVED_AT = "receivedAt";

    @Bean(name = JOB_NAME)
    Job orderIntakeJob(JobRepository jobRepository, Step orderEnvelope, Step orderCheckLines, Step orderCheckFile,
                       Step orderApply, Step orderPrepareDelivery, Step orderDeliver, Step orderReceipt, Step orderPublish) {
        String rejected = EnvelopeCheckTasklet.REJECTED.getExitCode();
        String completed = ExitStatus.COMPLETED.getExitCode();
        // Explicit exit codes only: "*" would also match FAILED and carry a failed step's job on.
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {FILE_ID, CHECKSUM, FILE, FILE_NAME, MAILBOX, RECEIVED_AT},
                        new String[] {PARTNER}))
                .start(orderEnvelope).on(rejected).to(orderReceipt)
                .from(orderEnvelope).on(completed).to(orderCheckLines)
                .from(orderEnvelope).on("*").fail()
                .from(orderCheckLines).on(completed).to(orderCheckFile)
                .from(orderCheckLines).on("*").fail()
                .from(orderCheckFile).on(rejected).to(orderReceipt)
                .from(orderCheckFile).on(completed).to(orderApply)
                .from(orderCheckFile).on("*").fail()
                .from(orderApply).on(completed).to(orderPrepareDelivery)
                .from(orderApply).on("*").fail()
                .from(orderPrepareDelivery).on(DeliveryTasklets.NOTHING_TO_DELIVER.getExitCode()).to(orderReceipt)
                .from(orderPrepareDelivery).on(completed).to(orderDeliver)
                .from(orderPrepareDelivery).on("*").fail()
                .from(orderDeliver).on(completed).to(orderReceipt)
                .from(orderDeliver).on("*").fail()
                .from(orderReceipt).on(completed).to(orderPublish)
                .from(orderReceipt).on("*").fail()
                .from(orderPublish).on(completed).end()
                .from(orderPublish).on("*").fail()
                .end()
                .build();
    }

    @Bean
    Step orderEnvelope(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                       EnvelopeCheckTasklet orderEnvelopeTasklet) {
        return new StepBuilder("order-intake.envelope", jobRepository)
                .tasklet(orderEnvelopeTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    EnvelopeCheckTasklet orderEnvelopeTasklet(OrderFiles files, DisclosureDecisions decisions,
                                              @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId,
                                              @Value("#{jobParameters['" + FILE + "']}") String file,
                                              @Value("#{jobParameters['" + FILE_NAME + "']}") String fileName) {
        return new EnvelopeCheckTasklet(files, decisions, fileId, Path.of(file), fileName);
    }

    @Bean
    Step orderCheckLines(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         BeanIoItemReader<Object> orderLineReader, ItemProcessor<ParsedLine<Object>, CheckedOrderLine> orderLineProcessor,
                         OrderFiles files, @Value("${leka.order.chunk-size:1000}") int chunkSize) {
        return new StepBuilder("order-intake.check-lines", jobRepository)
                .<ParsedLine<Object>, CheckedOrderLine>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(orderLineReader)
                .processor(orderLineProcessor)
                .writer(chunk -> files.insertLines(chunk.getItems()))
                .build();
    }

    @Bean
    @StepScope
    BeanIoItemReader<Object> orderLineReader(@Value("#{jobParameters['" + FILE + "']}") String file) {
        Path path = Path.of(file);
        StartRecord start = StartRecord.parse(firstLine(path));
        OrderFormats.Layout layout = OrderFormats.layout(start.fileType(), start.formatVersion()).orElseThrow();
        return new BeanIoItemReader<>("order-lines", layout.factory(), layout.streamName(), path, StrictCharset.FILES, Object.class);
    }

    @Bean
    @StepScope
    ItemProcessor<ParsedLine<Object>, CheckedOrderLine> orderLineProcessor(OrderFiles files, DisclosureDecisions decisions,
                                                                          @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId) {
        OrderFiles.OrderFile file = files.find(fileId).orElseThrow();
        OrderLineChecks checks = new OrderLineChecks(fileId, decisions.policyFor(OrgNumber.parse(file.partyOrg()),
                file.agentOrg() == null ? null : OrgNumber.parse(file.agentOrg()), file.agreementId(), file.fileDate()),
                file.fileDate());
        return parsed -> "start".equals(parsed.recordName()) || "end".equals(parsed.recordName()) ? null : checks.check(parsed);
    }

    @Bean
    Step orderCheckFile(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        FileCheckTasklet orderFileCheckTasklet) {
        return new StepBuilder("order-intake.check-file", jobRepository)
                .tasklet(orderFileCheckTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    FileCheckTasklet orderFileCheckTasklet(OrderFiles files, @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId,
                                           @Value("${leka.order.max-refused-percent:50}") int maxRefusedPercent) {
        return new FileCheckTasklet(files, fileId, maxRefusedPercent);
    }

    @Bean
    Step orderApply(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                    JdbcPagingItemReader<CheckedOrderLine> acceptedOrderLines, WatchApplyingWriter watchApplyingWriter,
                    @Value("${leka.order.chunk-size:1000}") int chunkSize) {
        return new StepBuilder("order-intake.apply", jobRepository)
                .<CheckedOrderLine, CheckedOrderLine>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(acceptedOrderLines)
                .writer(watchApplyingWriter)
                .build();
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<CheckedOrderLine> acceptedOrderLines(DataSource dataSource, OrderFiles files,
                                                              @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId,
                                                              @Value("${leka.order.chunk-size:1000}") int chunkSize)
            throws Exception {
        return linesReader("accepted-order-lines", dataSource, fileId, chunkSize, "");
    }

    @Bean
    @StepScope
    WatchApplyingWriter watchApplyingWriter(JdbcTemplate jdbcTemplate, OrderFiles files, RegisterReader register,
                                            ObjectProvider<OrderLineCheckpoint> checkpoint,
                                            @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId) {
        // Read before the deliver step reads the register: the daily run sends the changes after it.
        return new WatchApplyingWriter(jdbcTemplate, files.find(fileId).orElseThrow(),
                line -> checkpoint.ifAvailable(c -> c.reached("apply", line)), register.latestSequence());
    }

    @Bean
    Step orderPrepareDelivery(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              OrderFiles files, Outboxes outboxes) {
        return new StepBuilder("order-intake.prepare-delivery", jobRepository)
                .tasklet((contribution, chunk) -> DeliveryTasklets.prepare(files, outboxes, fileId(chunk),
                        OrderOutputs.mailbox(param(chunk, MAILBOX))).execute(contribution, chunk), transactionManager)
                .build();
    }

    @Bean
    Step orderDeliver(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                      JdbcPagingItemReader<CheckedOrderLine> deliverableOrderLines,
                      ItemProcessor<CheckedOrderLine, DeliveredPerson> completeInformationProcessor,
                      DeliveryWriter orderDeliveryWriter, @Value("${leka.order.chunk-size:1000}") int chunkSize) {
        return new StepBuilder("order-intake.deliver", jobRepository)
                .<CheckedOrderLine, DeliveredPerson>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(deliverableOrderLines)
                .processor(completeInformationProcessor)
                .writer(orderDeliveryWriter)
                .build();
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<CheckedOrderLine> deliverableOrderLines(DataSource dataSource,
                                                                 @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId,
                                                                 @Value("${leka.order.chunk-size:1000}") int chunkSize)
            throws Exception {
        return linesReader("deliverable-order-lines", dataSource, fileId, chunkSize, "AND action IN ('N', 'H')");
    }

    @Bean
    @StepScope
    ItemProcessor<CheckedOrderLine, DeliveredPerson> completeInformationProcessor(CompleteInformation complete, Watches watches,
                                                                                 OrderFiles files,
                                                                                 ObjectProvider<OrderLineCheckpoint> checkpoint,
                                                                                 @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId) {
        OrgNumber party = OrgNumber.parse(files.find(fileId).orElseThrow().partyOrg());
        return line -> {
            checkpoint.ifAvailable(c -> c.reached("deliver", line.lineNumber()));
            Personnummer person = Personnummer.parse(line.personnummer());
            var families = CompleteInformation.families(line.benefitFamilies());
            LocalDate from = line.fromDate() != null ? line.fromDate()
                    : watches.active(party, person, line.purposeCode()).map(Watch::fromDate).orElseThrow(
                            () -> new IllegalStateException("line " + line.lineNumber() + ": no active watch to refresh"));
            return new DeliveredPerson(complete.about(person, families, from, line.purposeCode(), line.partnerReference()),
                    line.legalBasisId(), families);
        };
    }

    @Bean
    @StepScope
    DeliveryWriter orderDeliveryWriter(OrderFiles files, DisclosureLog disclosureLog, LegalBasisCatalogue catalogue,
                                       @Value("${leka.data-dir}") Path dataDir,
                                       @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId,
                                       @Value("#{jobExecutionContext['" + DeliveryTasklets.DELIVERY_FILE_NAME + "']}") String deliveryName,
                                       @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        OrderFiles.OrderFile file = files.find(fileId).orElseThrow();
        var body = DeliveryFiles.bodyWriter("delivery-body", OrderOutputs.workDir(dataDir, fileId).resolve("LEVE.body"));
        Map<String, LegalBasis> bases = catalogue.all().stream().collect(Collectors.toMap(LegalBasis::id, b -> b));
        return new DeliveryWriter(body, disclosureLog, bases, OrgNumber.parse(file.partyOrg()),
                file.agentOrg() == null ? null : OrgNumber.parse(file.agentOrg()), file.agreementId(), deliveryName, jobExecutionId);
    }

    @Bean
    Step orderReceipt(JobRepository jobRepository, PlatformTransactionManager transactionManager, OrderFiles files,
                      Receipts receipts) {
        return new StepBuilder("order-intake.receipt", jobRepository)
                .tasklet((contribution, chunk) -> DeliveryTasklets.receipt(files, receipts, fileId(chunk), param(chunk, CHECKSUM),
                        OrderOutputs.mailbox(param(chunk, MAILBOX)), LocalDateTime.parse(param(chunk, RECEIVED_AT)))
                        .execute(contribution, chunk), transactionManager)
                .build();
    }

    @Bean
    Step orderPublish(JobRepository jobRepository, PlatformTransactionManager transactionManager, OrderFiles files,
                      Outboxes outboxes, ExchangeProperties exchange, @Value("${leka.data-dir}") Path dataDir) {
        return new StepBuilder("order-intake.publish", jobRepository)
                .tasklet((contribution, chunk) -> {
                    if (!chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                            .containsKey(DeliveryTasklets.DELIVERY_FILE_NAME)) {
                        return RepeatStatus.FINISHED; // rejected, or nothing to deliver: the receipt says it all
                    }
                    long fileId = fileId(chunk);
                    return DeliveryTasklets.publish(files, outboxes, fileId, OrderOutputs.mailbox(param(chunk, MAILBOX)),
                            OrderOutputs.workDir(dataDir, fileId).resolve("LEVE.body"), OrgNumber.parse(exchange.ownOrgNumber()),
                            LocalDateTime.parse(param(chunk, RECEIVED_AT))).execute(contribution, chunk);
                }, transactionManager)
                .build();
    }

    private static long fileId(ChunkContext chunk) {
        return (Long) chunk.getStepContext().getJobParameters().get(FILE_ID);
    }

    private static String param(ChunkContext chunk, String name) {
        return (String) chunk.getStepContext().getJobParameters().get(name);
    }

    private static JdbcPagingItemReader<CheckedOrderLine> linesReader(String name, DataSource dataSource, long fileId,
                                                                      int pageSize, String andWhere) throws Exception {
        return new JdbcPagingItemReaderBuilder<CheckedOrderLine>()
                .name(name)
                .dataSource(dataSource)
                .selectClause("SELECT *")
                .fromClause("FROM order_line")
                .whereClause("WHERE inbound_file_id = :fileId AND status = 'ACCEPTED' " + andWhere)
                .parameterValues(Map.of("fileId", fileId))
                .sortKeys(Map.of("line_number", Order.ASCENDING))
                .pageSize(pageSize)
                .rowMapper(OrderFiles::line)
                .build();
    }

    private static String firstLine(Path file) {
        try (BufferedReader reader = new BufferedReader(StrictCharset.reader(Files.newInputStream(file), StrictCharset.FILES))) {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
