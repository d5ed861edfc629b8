package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * Routing: a job room declares an {@link InboundFileRoute} bean; an accepted file of its type starts
 * the job with identifying parameters taken from the file, so a restart continues the same job
 * instance. The route and job here are test-only stand-ins for the order job.
 */
// The test's route takes the place of the order room's (same bean name), so that BEST files start the test job.
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", "leka.demo.dir=sample-files/demo", "leka.exchange.sftp.port=0",
        "spring.main.allow-bean-definition-overriding=true"})
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class InboundFileRouteIT {

    static final AtomicBoolean FAIL_ONCE = new AtomicBoolean(true);
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TestDataDir.register(registry, "leka-route-it");
    }

    @TestConfiguration
    static class TestOrderJob {

        @Bean
        Job testOrderJob(JobRepository repository, PlatformTransactionManager tx) {
            return new JobBuilder("testOrderJob", repository)
                    .start(new StepBuilder("read", repository).tasklet((contribution, context) -> {
                        if (FAIL_ONCE.getAndSet(false)) {
                            throw new IllegalStateException("simulated crash in the first run");
                        }
                        return RepeatStatus.FINISHED;
                    }, tx).build())
                    .build();
        }

        @Bean(name = "orderIntakeRoute")
        InboundFileRoute testOrderRoute(JobOperator operator, Job testOrderJob) {
            return new InboundFileRoute() {
                @Override
                public FileType fileType() {
                    return FileType.BEST;
                }

                @Override
                public long start(AcceptedInboundFile file) throws Exception {
                    JobParameters parameters = new JobParametersBuilder()
                            .addLong("inboundFileId", file.id(), true)
                            .addString("inboundFileChecksum", file.sha256(), true)
                            .addString("party", file.fileName().party().value(), false)
                            .toJobParameters();
                    return operator.start(testOrderJob, parameters).getId();
                }
            };
        }
    }

    @Autowired
    Intake intake;
    @Autowired
    InboundFiles inboundFiles;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    JobRepository jobRepository;

    @Test
    @org.junit.jupiter.api.Order(1)
    void an_accepted_file_starts_its_job_with_the_files_identity_and_a_restart_continues_the_same_instance() throws Exception {
        Mailbox insurer = Mailbox.of(OrgNumber.parse("5566778899"));
        Path inbox = Files.createDirectories(dataDir.resolve("sftp/5566778899/inbox"));
        Path file = Files.copy(Path.of("sample-files/intake/5566778899_BEST_20261130_0000001.txt"),
                inbox.resolve("5566778899_BEST_20261130_0000001.txt"));

        long id = intake.onIntakeThread(() -> intake.take(file, insurer, null));

        InboundFile routed = inboundFiles.find(id).orElseThrow();
        assertThat(routed.status()).isEqualTo(InboundFileStatus.ROUTED);
        JobExecution first = jobRepository.getJobExecution(routed.jobExecutionId());
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(first.getJobParameters().getLong("inboundFileId")).isEqualTo(id);
        assertThat(first.getJobParameters().getString("inboundFileChecksum")).isEqualTo(routed.sha256());
        assertThat(first.getJobParameters().getParameter("inboundFileId").identifying()).isTrue();
        assertThat(first.getJobParameters().getParameter("inboundFileChecksum").identifying()).isTrue();

        JobExecution restarted = jobOperator.restart(first);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(first.getJobInstance().getInstanceId());
        assertThat(restarted.getId()).isNotEqualTo(first.getId());
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void a_rejected_file_is_reprocessed_from_its_kept_bytes_once_the_cause_is_gone() throws Exception {
        Mailbox insurer = Mailbox.of(OrgNumber.parse("5566778899"));
        Path inbox = Files.createDirectories(dataDir.resolve("sftp/5566778899/inbox"));
        long before = jdbc.sql("SELECT COALESCE(MAX(accepted_sequence), 0) FROM inbound_file").query(Long.class).single();
        Path gap = write(inbox, before + 2);
        long rejected = intake.onIntakeThread(() -> intake.take(gap, insurer, null));
        assertThat(inboundFiles.find(rejected).orElseThrow().errorCode()).isEqualTo("SEQUENCE_GAP");

        Path missing = write(inbox, before + 1);
        intake.onIntakeThread(() -> intake.take(missing, insurer, null));
        long again = inboundFiles.reprocess(rejected);

        assertThat(inboundFiles.find(rejected).orElseThrow().status()).isEqualTo(InboundFileStatus.REPROCESSED);
        InboundFile reprocessed = inboundFiles.find(again).orElseThrow();
        assertThat(reprocessed.status()).isEqualTo(InboundFileStatus.ROUTED);
        assertThat(reprocessed.reprocessOf()).isEqualTo(rejected);
        assertThat(reprocessed.fileName()).isEqualTo(gap.getFileName().toString());
        assertThat(reprocessed.sha256()).isEqualTo(inboundFiles.find(rejected).orElseThrow().sha256());
        assertThat(reprocessed.receiptFileId()).isNotNull().isNotEqualTo(inboundFiles.find(rejected).orElseThrow().receiptFileId());
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** A copy of the sample order file with another sequence number. */
    static Path write(Path inbox, long sequence) throws IOException {
        String seq = String.format("%07d", sequence);
        java.util.List<String> lines = Files.readAllLines(Path.of("sample-files/intake/5566778899_BEST_20261130_0000001.txt"),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        lines.set(0, lines.get(0).replace("0000001" + "2026-11-30", seq + "2026-11-30"));
        return Files.write(inbox.resolve("5566778899_BEST_20261130_" + seq + ".txt"), lines, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
