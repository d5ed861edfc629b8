package se.leka.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import se.leka.audit.DisclosureEntry;
import se.leka.exchange.AcceptedInboundFile;
import se.leka.exchange.InboundFileRoute;
import se.leka.exchange.Mailbox;
import se.leka.exchange.OutboundFile;
import se.leka.exchange.Receipt;
import se.leka.exchange.ReceiptError;
import se.leka.exchange.ReceiptStatus;
import se.leka.exchange.Receipts;
import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The {@code full-refresh} job on the demo partners and the demo register: a whole-stock refresh
 * request (HELU) taken from intake through its route, one from a party whose agreement ended, and an
 * operator's refresh of a municipality whose watches its agent ordered.
 */
@LekaIntegrationTest(properties = "leka.demo.enabled=true")
class FullRefreshFunctionalTests extends NotificationTestBase {

    static final OrgNumber INSURER = OrgNumber.parse("5566778899");

    @Autowired
    List<InboundFileRoute> routes;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    @Qualifier(FullRefreshJobConfiguration.JOB_NAME)
    Job fullRefresh;

    @Test
    void a_refresh_request_file_gets_complete_information_for_every_active_watch_and_a_receipt() throws Exception {
        NotificationScenario.order(jobOperator, orderIntake,
                NotificationScenario.SAMPLES.resolve("5566778899_BEST_20261130_0000005.txt"), INSURER.value());

        JobExecution execution = fromIntake("5566778899_HELU_20261130_0000006.txt", 61, Mailbox.of(INSURER));
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Receipt receipt = Receipts.read(Files.readAllBytes(outboxes.find(INSURER, FileType.KVIT,
                Receipts.outputKey(61, Receipt.Kind.RECORDS)).orElseThrow().path()));
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(receipt.receivedFileName()).isEqualTo("5566778899_HELU_20261130_0000006.txt");
        assertThat(receipt.sequenceNumber()).isEqualTo(6);

        OutboundFile delivery = outboxes.find(INSURER, FileType.LEVE,
                FullRefreshJobConfiguration.outputKey(execution.getJobInstance().getInstanceId())).orElseThrow();
        NotificationScenario.assertGolden(delivery.path(), "refresh_" + delivery.fileName());
        assertThat(StartRecord.parse(Files.readAllLines(delivery.path(), StrictCharset.FILES).get(0)).created())
                .as("created = when intake received the request").isEqualTo(java.time.LocalDateTime.of(2026, 11, 30, 7, 15));
        assertThat(disclosures.forFile(delivery.fileName().toString()))
                .extracting(DisclosureEntry::personnummer, DisclosureEntry::informationType)
                .containsExactly(tuple("200001011493", 0), tuple("200001012392", 0), tuple("200001018928", 0),
                        tuple("200001022383", 0), tuple("200001022391", 0));

        assertThat(routeFor().start(accepted("5566778899_HELU_20261130_0000006.txt", 61, Mailbox.of(INSURER))))
                .as("the same file again: the finished run, not a second one").isEqualTo(execution.getId());
    }

    @Test
    void a_refresh_request_from_a_party_whose_agreement_ended_is_rejected() throws Exception {
        OrgNumber ended = OrgNumber.parse("5561234567");
        JobExecution execution = fromIntake("5561234567_HELU_20261130_0000002.txt", 62, Mailbox.of(ended));
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo("REFUSED");
        Receipt receipt = Receipts.read(Files.readAllBytes(outboxes.find(ended, FileType.KVIT,
                Receipts.outputKey(62, Receipt.Kind.RECORDS)).orElseThrow().path()));
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.REJECTED);
        assertThat(receipt.errors()).extracting(ReceiptError::lineNumber, ReceiptError::field, ReceiptError::code)
                .containsExactly(tuple(0L, "agreementId", "AGREEMENT_ENDED"));
        assertThat(outboxes.find(ended, FileType.LEVE, FullRefreshJobConfiguration.outputKey(execution.getJobInstance().getInstanceId())))
                .isEmpty();
    }

    @Test
    void an_operator_refreshes_a_partner_into_its_agents_mailbox() throws Exception {
        NotificationScenario.order(jobOperator, orderIntake,
                NotificationScenario.SAMPLES.resolve("2120997776_BEST_20261130_0000002.txt"), NotificationScenario.AGENT_FOR_MUNICIPALITY);
        JobExecution execution = jobOperator.start(fullRefresh, new JobParametersBuilder()
                .addString("partner", "2120997776")
                .addString("mailbox", NotificationScenario.AGENT_FOR_MUNICIPALITY)
                .addLocalDate("runDate", LocalDate.of(2026, 12, 1))
                .toJobParameters());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        OutboundFile delivery = outboxes.find(OrgNumber.parse("2120997776"), FileType.LEVE,
                FullRefreshJobConfiguration.outputKey(execution.getJobInstance().getInstanceId())).orElseThrow();
        assertThat(delivery.mailbox().relativeDir()).isEqualTo(NotificationScenario.AGENT_FOR_MUNICIPALITY);
        List<String> lines = Files.readAllLines(delivery.path(), StrictCharset.FILES);
        assertThat(lines).filteredOn(l -> l.startsWith("40")).extracting(l -> l.substring(2, 16))
                .as("the person, complete information, protected identity").containsExactly("2000010623890J");
        assertThat(disclosures.forFile(delivery.fileName().toString()))
                .extracting(DisclosureEntry::recipientOrg, DisclosureEntry::agentOrg, DisclosureEntry::legalBasisId,
                        DisclosureEntry::informationType)
                .containsExactly(tuple("2120997776", "5569988776", "F2008-SOCT", 0));
    }

    private JobExecution fromIntake(String sample, long inboundFileId, Mailbox mailbox) throws Exception {
        long id = routeFor().start(accepted(sample, inboundFileId, mailbox));
        await().atMost(Duration.ofSeconds(60)).until(() -> !jobRepository.getJobExecution(id).isRunning());
        return jobRepository.getJobExecution(id);
    }

    private InboundFileRoute routeFor() {
        return routes.stream().filter(r -> r.fileType() == FileType.HELU).findFirst().orElseThrow();
    }

    private static AcceptedInboundFile accepted(String sample, long id, Mailbox mailbox) throws Exception {
        Path file = NotificationScenario.SAMPLES.resolve(sample);
        return new AcceptedInboundFile(id, NotificationScenario.sha256(file), file, FileName.parse(sample),
                StartRecord.parse(Files.readAllLines(file, StrictCharset.FILES).get(0)), 0, mailbox,
                OffsetDateTime.of(2026, 11, 30, 6, 15, 0, 0, ZoneOffset.UTC));
    }
}
