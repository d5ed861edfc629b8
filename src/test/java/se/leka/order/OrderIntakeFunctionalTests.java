package se.leka.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
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

import se.leka.format.OrgNumber;
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
    OrderFiles files;
    @Autowired
    Watches watches;
    @Autowired
    JdbcClient jdbc;

    long run(String sample) throws Exception {
        return run(SAMPLES.resolve(sample));
    }

    long run(Path file) throws Exception {
        long id = NEXT_FILE_ID.incrementAndGet();
        JobExecution execution = jobOperator.start(orderIntake, new JobParametersBuilder()
                .addLong(OrderIntakeJobConfiguration.FILE_ID, id)
                .addString(OrderIntakeJobConfiguration.CHECKSUM, sha256(file))
                .addString(OrderIntakeJobConfiguration.FILE, file.toAbsolutePath().toString(), false)
                .addString(OrderIntakeJobConfiguration.FILE_NAME, file.getFileName().toString(), false)
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
        assertThat(watches.of(INSURER, Personnummer.parse("200001012392"))).hasSize(1);
        assertThat(watches.of(INSURER, Personnummer.parse("200001018928"))).isEmpty();
    }

    @Test
    void a_wrong_record_count_rejects_the_whole_file_and_applies_nothing() throws Exception {
        long id = run("5566778899_BEST_20261130_0000003.txt");
        OrderFiles.OrderFile file = files.find(id).orElseThrow();
        assertThat(file.status()).isEqualTo("REJECTED");
        assertThat(file.errorCode()).isEqualTo("RECORD_COUNT_MISMATCH");
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
        long id = run("2120997776_BEST_20261130_0000001.txt");
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
