package se.leka.order;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;


import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.agreement.DisclosureDecisions;
import se.leka.agreement.LegalBasis;
import se.leka.agreement.LegalBasisCatalogue;
import se.leka.audit.DisclosureLog;
import se.leka.format.BeanIoItemReader;
import se.leka.format.BeanIoItemWriter;
import se.leka.format.EncodedRecords;
import se.leka.exchange.ExchangeProperties;
import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;
import se.leka.register.RegisterReader;

/**
 * The two request-file jobs (cards: {@code jobs/order-intake/README.md}):
 * {@code order-intake} for order files (BEST) — {@code envelope} (whole-file checks) →
 * {@code check-lines} (every line checked and stored) → {@code check-file} (count, duplicates,
 * watches, refusal limit) → {@code hold-notifications} → {@code apply} (watches) beside
 * {@code prepare-delivery} → {@code deliver} (complete information and the disclosure log) →
 * {@code receipt} → {@code publish}; and {@code query-answer} for query files (FRAG), the same
 * without the hold and {@code apply}, answered with SVAR.
 * A rejected file goes straight to its receipt with nothing applied. A run is identified by the
 * inbound file's id and checksum; the other parameters are not identifying, so a restart continues
 * the same instance. The step-scoped readers, processors and writers below serve both jobs.
 */
@Configuration(proxyBeanMethods = false)
class OrderIntakeJobConfiguration {

    static final String JOB_NAME = "order-intake";
    static final String QUERY_JOB_NAME = "query-answer";
    static final String FILE_ID = "inboundFileId";
    static final String CHECKSUM = "inboundFileChecksum";
    static final String FILE = "inboundFile";
    static final String FILE_NAME = "fileName";
    static final String PARTNER = "partner";
    static final String MAILBOX = "mailbox";
    static final String RECEIVED_AT = "receivedAt";

    @Bean(name = JOB_NAME)
    Job orderIntakeJob(RequestFileSteps steps) {
        return steps.job(JOB_NAME, true);
    }

    @Bean(name = QUERY_JOB_NAME)
    Job queryAnswerJob(RequestFileSteps steps) {
        return steps.job(QUERY_JOB_NAME, false);
    }

    @Bean
    RequestFileRoute orderIntakeRoute(OrderJobLauncher launcher, @Qualifier(JOB_NAME) Job orderIntakeJob) {
        return new RequestFileRoute(FileType.BEST, launcher, orderIntakeJob);
    }

    @Bean
    RequestFileRoute queryAnswerRoute(OrderJobLauncher launcher, @Qualifier(QUERY_JOB_NAME) Job queryAnswerJob) {
        return new RequestFileRoute(FileType.FRAG, launcher, queryAnswerJob);
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
    @StepScope
    LineCheckingTasklet orderLineCheckingTasklet(OrderFiles files, DisclosureDecisions decisions,
                                                 ObjectProvider<OrderLineCheckpoint> checkpoint,
                                                 @Value("${leka.order.chunk-size:5000}") int pageSize,
                                                 @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId,
                                                 @Value("#{jobParameters['" + FILE + "']}") String file) {
        Path path = Path.of(file);
        StartRecord start = StartRecord.parse(firstLine(path));
        OrderFormats.Layout layout = OrderFormats.layout(start.fileType(), start.formatVersion()).orElseThrow();
        var reader = new BeanIoItemReader<Object>("order-lines", layout.factory(), layout.streamName(), path,
                StrictCharset.FILES, Object.class, OrderFormats.shortcut(start.fileType(), start.formatVersion()));
        OrderFiles.OrderFile orderFile = files.find(fileId).orElseThrow();
        OrderLineChecks checks = new OrderLineChecks(fileId, decisions.policyFor(OrgNumber.parse(orderFile.partyOrg()),
                orderFile.agentOrg() == null ? null : OrgNumber.parse(orderFile.agentOrg()), orderFile.agreementId(),
                orderFile.fileDate()), orderFile.fileDate());
        return new LineCheckingTasklet(reader,
                parsed -> "start".equals(parsed.recordName()) || "end".equals(parsed.recordName()) ? null : checks.check(parsed),
                files, pageSize, fileId, checkpoint.getIfAvailable());
    }

    @Bean
    @StepScope
    FileCheckTasklet orderFileCheckTasklet(OrderFiles files, @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId,
                                           @Value("${leka.order.max-refused-percent:50}") int maxRefusedPercent) {
        return new FileCheckTasklet(files, fileId, maxRefusedPercent);
    }

    @Bean
    @StepScope
    WatchApplyingTasklet watchApplyingTasklet(JdbcClient jdbc, OrderFiles files,
                                              ObjectProvider<OrderLineCheckpoint> checkpoint,
                                              @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId) {
        OrderLineCheckpoint hook = checkpoint.getIfAvailable();
        return new WatchApplyingTasklet(jdbc, files, files.find(fileId).orElseThrow(),
                hook == null ? null : line -> hook.reached("apply", line));
    }

    @Bean
    @StepScope
    DeliveryTasklet orderDeliveryTasklet(OrderFiles files, CompleteInformation complete, Watches watches,
                                         DisclosureLog disclosureLog, LegalBasisCatalogue catalogue,
                                         ObjectProvider<OrderLineCheckpoint> checkpoint,
                                         ExchangeProperties exchange, @Value("${leka.data-dir}") Path dataDir,
                                         @Value("${leka.order.deliver-page-size:1500}") int pageSize,
                                         @Value("${leka.order.deliver-readers:2}") int readers,
                                         @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId,
                                         @Value("#{jobExecutionContext['" + DeliveryTasklets.DELIVERY_FILE_NAME + "']}") String deliveryName,
                                         @Value("#{jobParameters['" + RECEIVED_AT + "']}") String receivedAt,
                                         @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        OrderFiles.OrderFile file = files.find(fileId).orElseThrow();
        FileType output = OrderOutputs.outputType(file.fileType());
        OrderOutputs.refuseEarlierBody(dataDir, fileId, output);
        // The start record up front (the name is reserved), so that publish only adds the end record and
        // moves the file; created from the job's parameters, so that a restart writes the same bytes.
        String start = DeliveryFiles.startRecord(output, OrgNumber.parse(exchange.ownOrgNumber()), file.agreementId(),
                LocalDateTime.parse(receivedAt), FileName.parse(deliveryName));
        // Records arrive formatted (DeliveryRecords) and encoded: the mapping only names the stream.
        var bodyWriter = new BeanIoItemWriter<EncodedRecords>("delivery-body", DeliveryRecords.factory(), DeliveryRecords.STREAM,
                OrderOutputs.delivery(dataDir, fileId, output), StrictCharset.FILES, () -> List.of(start), null);
        Map<String, LegalBasis> bases = catalogue.all().stream().collect(Collectors.toMap(LegalBasis::id, b -> b));
        return new DeliveryTasklet(files, complete, watches, bodyWriter, disclosureLog, bases, fileId,
                OrgNumber.parse(file.partyOrg()), file.agentOrg() == null ? null : OrgNumber.parse(file.agentOrg()),
                file.agreementId(), deliveryName, jobExecutionId, pageSize, readers, checkpoint.getIfAvailable());
    }

    private static String firstLine(Path file) {
        try (BufferedReader reader = new BufferedReader(StrictCharset.reader(Files.newInputStream(file), StrictCharset.FILES))) {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
