package se.leka.order;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import se.leka.agreement.DisclosureDecisions;
import se.leka.format.BeanIoItemReader;
import se.leka.format.OrgNumber;
import se.leka.format.ParsedLine;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;

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
    static final String FILE_NAME = "inboundFileName";

    @Bean(name = JOB_NAME)
    Job orderIntakeJob(JobRepository jobRepository, Step orderEnvelope, Step orderCheckLines, Step orderCheckFile,
                       Step orderApply) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {FILE_ID, CHECKSUM, FILE, FILE_NAME}, new String[0]))
                .start(orderEnvelope).on(EnvelopeCheckTasklet.REJECTED.getExitCode()).end()
                .from(orderEnvelope).on("*").to(orderCheckLines)
                .from(orderCheckLines).on("*").to(orderCheckFile)
                .from(orderCheckFile).on(EnvelopeCheckTasklet.REJECTED.getExitCode()).end()
                .from(orderCheckFile).on("*").to(orderApply)
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
        return new JdbcPagingItemReaderBuilder<CheckedOrderLine>()
                .name("accepted-order-lines")
                .dataSource(dataSource)
                .selectClause("SELECT *")
                .fromClause("FROM order_line")
                .whereClause("WHERE inbound_file_id = :fileId AND status = 'ACCEPTED'")
                .parameterValues(Map.of("fileId", fileId))
                .sortKeys(Map.of("line_number", Order.ASCENDING))
                .pageSize(chunkSize)
                .rowMapper(OrderFiles::line)
                .build();
    }

    @Bean
    @StepScope
    WatchApplyingWriter watchApplyingWriter(JdbcTemplate jdbcTemplate, OrderFiles files,
                                            @Value("#{jobParameters['" + FILE_ID + "']}") Long fileId) {
        return new WatchApplyingWriter(jdbcTemplate, files.find(fileId).orElseThrow());
    }

    private static String firstLine(Path file) {
        try (BufferedReader reader = new BufferedReader(StrictCharset.reader(Files.newInputStream(file), StrictCharset.FILES))) {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
