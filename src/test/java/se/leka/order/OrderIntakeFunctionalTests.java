package se.leka.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.audit.DisclosureEntry;
import se.leka.audit.DisclosureLog;
import se.leka.exchange.OutboundFile;
import se.leka.exchange.Outboxes;
import se.leka.exchange.Receipt;
import se.leka.exchange.ReceiptError;
import se.leka.exchange.ReceiptStatus;
import se.leka.exchange.Receipts;
import se.leka.format.EndRecord;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;
import se.leka.format.Personnummer;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The order-intake job on the sample files of {@code sample-files/order/} against the demo partners
 * of {@code sample-files/demo/}: every record-level and file-level error code, and the watches that
 * accepted lines start and cancel.
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", "leka.order.max-refused-percent=100"})
class OrderIntakeFunctionalTests {

    static final Path SAMPLES = Path.of("sample-files/order");
    static final AtomicLong NEXT_FILE_ID = new AtomicLong(1000);
    static final OrgNumber INSURER = OrgNumber.parse("5566778899");

    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier(OrderIntakeJobConfiguration.JOB_NAME)
    Job orderIntake;
    @Autowired
    @Qualifier(OrderIntakeJobConfiguration.QUERY_JOB_NAME)
    Job queryAnswer;
    @Autowired
    OrderFiles files;
    @Autowired
    Watches watches;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Outboxes outbox;
    @Autowired
    DisclosureLog disclosures;

    long run(String sample) throws Exception {
        return run(SAMPLES.resolve(sample));
    }

    long run(Path file) throws Exception {
        return run(file, file.getFileName().toString().substring(0, 10));
    }

    /** Runs the job as intake would start it for a file that came in through {@code mailbox}. */
    long run(Path file, String mailbox) throws Exception {
        return run(orderIntake, file, mailbox);
    }

    long run(Job job, Path file, String mailbox) throws Exception {
        long id = NEXT_FILE_ID.incrementAndGet();
        JobExecution execution = jobOperator.start(job, new JobParametersBuilder()
                .addLong(OrderIntakeJobConfiguration.FILE_ID, id)
                .addString(OrderIntakeJobConfiguration.CHECKSUM, sha256(file))
                .addString(OrderIntakeJobConfiguration.FILE, file.toAbsolutePath().toString(), false)
                .addString(OrderIntakeJobConfiguration.FILE_NAME, file.getFileName().toString(), false)
                .addString(OrderIntakeJobConfiguration.MAILBOX, mailbox, false)
                .addString(OrderIntakeJobConfiguration.RECEIVED_AT, "2026-11-30T06:05:00", false)
                .toJobParameters());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return id;
    }

    @Test
    void a_good_file_is_accepted_and_starts_a_watch_per_line() throws Exception {
        long id = run("5566778899_BEST_20261130_0000001.txt");
        OrderFiles.OrderFile file = files.find(id).orElseThrow();
        assertThat(file.status()).isEqualTo("ACCEPTED");
        assertThat(file.acceptedCount()).isEqualTo(3);
        assertThat(file.agreementId()).isEqualTo("AVT-2026-0001");
        assertThat(watches.activeOf(INSURER))
                .filteredOn(w -> w.partnerReference() != null && w.partnerReference().startsWith("KUND-"))
                .extracting(w -> w.person().value(), Watch::purposeCode, Watch::legalBasisId, w -> w.fromDate().toString())
                .containsExactlyInAnyOrder(
                        tuple("200001011493", "RISK", "SFB-RISK-FB", "2026-01-01"),
                        tuple("200001012384", "SAM", "SFB-SAM-FB", "2026-01-01"),
                        tuple("200001612381", "SAM", "SFB-SAM-FB", "2025-07-01"));

        Receipt receipt = Receipts.read(Files.readAllBytes(outbox.find(INSURER, FileType.KVIT,
                Receipts.outputKey(id, Receipt.Kind.RECORDS)).orElseThrow().path()));
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(receipt.recordsAccepted()).isEqualTo(3);
        assertThat(receipt.errors()).isEmpty();

        OutboundFile delivery = outbox.find(INSURER, FileType.LEVE, OrderOutputs.deliveryKey(id)).orElseThrow();
        List<String> lines = Files.readAllLines(delivery.path(), StrictCharset.FILES);
        assertThat(lines).as("golden delivery, built from the demo register extracts")
                .isEqualTo(Files.readAllLines(SAMPLES.resolve("expected/5566778899_LEVE_20261130_0000001.txt"), StrictCharset.FILES));
        StartRecord start = StartRecord.parse(lines.get(0));
        assertThat(start.fileType()).isEqualTo(FileType.LEVE);
        assertThat(start.sequenceNumber()).isEqualTo(delivery.fileName().sequenceNumber());
        assertThat(start.created()).isEqualTo(LocalDateTime.of(2026, 11, 30, 6, 5));
        assertThat(lines).filteredOn(l -> l.startsWith("40")).extracting(l -> l.substring(2, 15))
                .containsExactly("2000010123840", "2000010114930", "2000016123810");
        assertThat(EndRecord.parse(lines.get(lines.size() - 1)).recordCount()).isEqualTo(lines.size() - 2);

        assertThat(disclosures.forFile(delivery.fileName().toString()))
                .extracting(DisclosureEntry::personnummer, DisclosureEntry::legalBasisId, DisclosureEntry::informationType)
                .containsExactly(tuple("200001012384", "SFB-SAM-FB", 0), tuple("200001011493", "SFB-RISK-FB", 0),
                        tuple("200001612381", "SFB-SAM-FB", 0));
        assertThat(disclosures.verifyChain().intact()).isTrue();
    }

    @Test
    void every_record_level_error_is_reported_with_its_line_field_and_code() throws Exception {
        long id = run("5566778899_BEST_20261130_0000002.txt");
        OrderFiles.OrderFile file = files.find(id).orElseThrow();
        assertThat(file.status()).isEqualTo("PARTIALLY_ACCEPTED");
        assertThat(file.lineCount()).isEqualTo(14);
        assertThat(file.acceptedCount()).isEqualTo(1);
        assertThat(files.refusedLines(id)).extracting(CheckedOrderLine::lineNumber, CheckedOrderLine::errorCode,
                        CheckedOrderLine::errorField)
                .containsExactly(
                        tuple(3, "CONSENT_MISSING", "consentReference"),
                        tuple(4, "PERSONNUMMER_INVALID", "personnummer"),
                        tuple(5, "PURPOSE_NOT_IN_AGREEMENT", "purposeCode"),
                        tuple(6, "BENEFIT_NOT_IN_AGREEMENT", "benefitFamilies"),
                        tuple(7, "DUPLICATE_PERSON_IN_FILE", "personnummer"),
                        tuple(8, "ACTION_INVALID", "action"),
                        tuple(9, "FROM_DATE_INVALID", "fromDate"),
                        tuple(10, "BENEFIT_FAMILY_UNKNOWN", "benefitFamilies"),
                        tuple(11, "PURPOSE_MISSING", "purposeCode"),
                        tuple(12, "PURPOSE_NOT_FOR_PARTY_TYPE", "purposeCode"),
                        tuple(13, "UNKNOWN_PURPOSE", "purposeCode"),
                        tuple(14, "WATCH_NOT_FOUND", "personnummer"),
                        tuple(15, "RECORD_UNREADABLE", "recordLength"));
        List<String> receipt = Files.readAllLines(outbox.find(INSURER, FileType.KVIT,
                Receipts.outputKey(id, Receipt.Kind.RECORDS)).orElseThrow().path(), StrictCharset.FILES);
        List<String> golden = Files.readAllLines(SAMPLES.resolve("expected/5566778899_KVIT_20261130_0000004.txt"), StrictCharset.FILES);
        assertThat(receipt.subList(1, receipt.size())).as("golden receipt after its start record (which carries the time it was written)")
                .isEqualTo(golden.subList(1, golden.size()));
        assertThat(watches.of(INSURER, Personnummer.parse("200001012392"))).hasSize(1);
        assertThat(watches.of(INSURER, Personnummer.parse("200001018928"))).isEmpty();
    }

    @Test
    void a_wrong_record_count_rejects_the_whole_file_and_applies_nothing() throws Exception {
        long id = run("5566778899_BEST_20261130_0000003.txt");
        OrderFiles.OrderFile file = files.find(id).orElseThrow();
        assertThat(file.status()).isEqualTo("REJECTED");
        assertThat(file.errorCode()).isEqualTo("RECORD_COUNT_MISMATCH");
        Receipt receipt = Receipts.read(Files.readAllBytes(outbox.find(INSURER, FileType.KVIT,
                Receipts.outputKey(id, Receipt.Kind.RECORDS)).orElseThrow().path()));
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.REJECTED);
        assertThat(receipt.errors()).extracting(ReceiptError::code).containsExactly("RECORD_COUNT_MISMATCH");
        assertThat(outbox.find(INSURER, FileType.LEVE, OrderOutputs.deliveryKey(id))).as("nothing delivered").isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM watch WHERE source_file_id = ?").param(id).query(Long.class).single()).isZero();
    }

    @Test
    void an_unknown_format_version_is_rejected() throws Exception {
        OrderFiles.OrderFile file = files.find(run("5566778899_BEST_20261130_0000004.txt")).orElseThrow();
        assertThat(file.status()).isEqualTo("REJECTED");
        assertThat(file.errorCode()).isEqualTo("UNSUPPORTED_VERSION");
        assertThat(file.errorField()).isEqualTo("formatVersion");
    }

    @Test
    void an_ended_agreement_rejects_the_whole_file() throws Exception {
        OrderFiles.OrderFile file = files.find(run("5561234567_BEST_20261130_0000001.txt")).orElseThrow();
        assertThat(file.status()).isEqualTo("REJECTED");
        assertThat(file.errorCode()).isEqualTo("AGREEMENT_ENDED");
    }

    @Test
    void an_agent_orders_for_its_municipality_and_the_case_reference_is_required() throws Exception {
        long id = run(SAMPLES.resolve("2120997776_BEST_20261130_0000001.txt"), "5569988776/2120997776");
        assertThat(files.find(id).orElseThrow().status()).isEqualTo("PARTIALLY_ACCEPTED");
        assertThat(files.refusedLines(id)).extracting(CheckedOrderLine::lineNumber, CheckedOrderLine::errorCode)
                .containsExactly(tuple(3, "CASE_REFERENCE_MISSING"));
        Watch watch = watches.active(OrgNumber.parse("2120997776"), Personnummer.parse("200001062389"), "SOCT").orElseThrow();
        assertThat(watch.agent()).isEqualTo(OrgNumber.parse("5569988776"));
        assertThat(watch.caseReference()).isEqualTo("SOC-2026-0412");
        assertThat(watch.legalBasisId()).isEqualTo("F2008-SOCT");
    }

    @Test
    void a_second_order_for_a_watched_person_is_refused_and_a_cancel_ends_the_watch(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path first = dir.resolve("5566778899_BEST_20261130_0000010.txt");
        Files.writeString(first, envelope(10, OrderLineSamples.order("N", "200001082395", "SAM", "SJUK", "2026-03-01", "", "W-1")),
                se.leka.format.StrictCharset.FILES);
        run(first);
        Path again = dir.resolve("5566778899_BEST_20261130_0000011.txt");
        Files.writeString(again, envelope(11,
                        OrderLineSamples.order("N", "200001082395", "SAM", "SJUK", "2026-03-01", "", "W-2")),
                se.leka.format.StrictCharset.FILES);
        long id = run(again);
        assertThat(files.refusedLines(id)).extracting(CheckedOrderLine::errorCode).containsExactly("ALREADY_WATCHED");
        Path cancel = dir.resolve("5566778899_BEST_20261130_0000012.txt");
        Files.writeString(cancel, envelope(12, OrderLineSamples.order("A", "200001082395", "SAM", "", "", "", "W-3")),
                se.leka.format.StrictCharset.FILES);
        assertThat(files.find(run(cancel)).orElseThrow().status()).isEqualTo("ACCEPTED");
        assertThat(watches.of(INSURER, Personnummer.parse("200001082395")))
                .singleElement()
                .satisfies(w -> {
                    assertThat(w.active()).isFalse();
                    assertThat(w.endReason()).isEqualTo("cancelled by order");
                });
    }

    @Test
    void a_query_file_is_answered_once_with_the_register_as_it_is_without_a_watch() throws Exception {
        long id = run(queryAnswer, SAMPLES.resolve("5566778899_FRAG_20261130_0000001.txt"), INSURER.value());
        OrderFiles.OrderFile file = files.find(id).orElseThrow();
        assertThat(file.status()).isEqualTo("PARTIALLY_ACCEPTED");
        assertThat(files.refusedLines(id)).extracting(CheckedOrderLine::lineNumber, CheckedOrderLine::errorCode,
                        CheckedOrderLine::errorField)
                .containsExactly(tuple(3, "CONSENT_MISSING", "consentReference"), tuple(4, "TO_DATE_INVALID", "toDate"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM watch WHERE source_file_id = ?").param(id).query(Long.class).single())
                .as("a query starts no watch").isZero();

        OutboundFile answer = outbox.find(INSURER, FileType.SVAR, OrderOutputs.outputKey(id, FileType.SVAR)).orElseThrow();
        List<String> lines = Files.readAllLines(answer.path(), StrictCharset.FILES);
        assertThat(StartRecord.parse(lines.get(0)).fileType()).isEqualTo(FileType.SVAR);
        assertThat(lines).as("golden answer, built from the demo register extracts")
                .isEqualTo(Files.readAllLines(SAMPLES.resolve("expected/5566778899_SVAR_20261130_0000001.txt"), StrictCharset.FILES));
        assertThat(disclosures.forFile(answer.fileName().toString()))
                .extracting(DisclosureEntry::personnummer, DisclosureEntry::legalBasisId)
                .containsExactly(tuple("200001012384", "SFB-SAM-FB"), tuple("200001012384", "SFB-RISK-FB"));
        Receipt receipt = Receipts.read(Files.readAllBytes(outbox.find(INSURER, FileType.KVIT,
                Receipts.outputKey(id, Receipt.Kind.RECORDS)).orElseThrow().path()));
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.PARTIALLY_ACCEPTED);
        assertThat(receipt.recordsAccepted()).isEqualTo(2);
    }

    static String envelope(int sequence, String... lines) {
        StringBuilder s = new StringBuilder(OrderLineSamples.start(sequence)).append('\n');
        for (String line : lines) {
            s.append(line).append('\n');
        }
        return s.append(new se.leka.format.EndRecord(lines.length).format()).append('\n').toString();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
