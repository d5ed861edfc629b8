package se.leka.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.format.StrictCharset;
import se.leka.register.ImportOutcome;
import se.leka.register.RegisterImports;

/**
 * The scenario of the daily-run tests: the demo partners, the register snapshot, watches from the
 * order files of {@code sample-files/notification/} (through the order-intake job, as intake would
 * start it), and the two register deltas imported one at a time.
 */
final class NotificationScenario {

    static final Path SAMPLES = Path.of("sample-files/notification");
    static final Path REGISTER = Path.of("sample-files/register");
    static final String SNAPSHOT = "REG_FKFORMAN_20260302_0001_SNAPSHOT.txt";
    static final String DELTA_1 = "REG_FKFORMAN_20260303_0002_DELTA.txt";
    static final String DELTA_2 = "REG_FKFORMAN_20260304_0003_DELTA.txt";
    static final String INSURER = "5566778899";
    static final String AGENT_FOR_MUNICIPALITY = "5569988776/2120997776";
    /** Test context properties: demo partners, and the register filled by the test, extract by extract. */
    static final String NO_DEMO_REGISTER = "leka.register.demo-dir=target/no-demo-register";
    private static final AtomicLong NEXT_FILE_ID = new AtomicLong(7000);

    private NotificationScenario() {
    }

    static void importExtract(RegisterImports imports, String name) throws Exception {
        Path copy = Files.createTempDirectory("leka-test-register").resolve(name);
        Files.copy(REGISTER.resolve(name), copy);
        assertThat(imports.importFile(copy).result()).isEqualTo(ImportOutcome.Result.APPLIED);
    }

    /** Orders the watches of the scenario: the insurer's five, and the municipality's one through its agent. */
    static void orderWatches(JobOperator jobOperator, Job orderIntake) throws Exception {
        order(jobOperator, orderIntake, SAMPLES.resolve("5566778899_BEST_20261130_0000005.txt"), INSURER);
        order(jobOperator, orderIntake, SAMPLES.resolve("2120997776_BEST_20261130_0000002.txt"), AGENT_FOR_MUNICIPALITY);
    }

    static void order(JobOperator jobOperator, Job orderIntake, Path file, String mailbox) throws Exception {
        assertThat(startOrder(jobOperator, orderIntake, file, mailbox).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    /** Runs the order job for {@code file} as intake would start it, and returns how it ended. */
    static JobExecution startOrder(JobOperator jobOperator, Job orderIntake, Path file, String mailbox) throws Exception {
        return jobOperator.start(orderIntake, new JobParametersBuilder()
                .addLong("inboundFileId", NEXT_FILE_ID.incrementAndGet())
                .addString("inboundFileChecksum", sha256(file))
                .addString("inboundFile", file.toAbsolutePath().toString(), false)
                .addString("fileName", file.getFileName().toString(), false)
                .addString("mailbox", mailbox, false)
                .addString("receivedAt", "2026-11-30T06:05:00", false)
                .toJobParameters());
    }

    static JobExecution runDaily(JobOperator jobOperator, Job daily, LocalDate runDate) throws Exception {
        return jobOperator.start(daily, new JobParametersBuilder().addLocalDate("runDate", runDate).toJobParameters());
    }

    /** The file the daily run of {@code runDate} delivered into {@code mailbox}, if any. */
    static java.util.Optional<se.leka.exchange.OutboundFile> dailyFile(se.leka.exchange.Outboxes outboxes, LocalDate runDate,
                                                                         String mailbox) {
        return outboxes.find(NotificationStore.mailbox(mailbox).party(), se.leka.format.FileType.LEVE,
                "daily:" + runDate + ":" + mailbox);
    }

    static long latestSequence(JdbcClient jdbc) {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM register_change").query(Long.class).single();
    }

    /**
     * Compares a delivered file with its golden file, line by line, except the start record's
     * {@code created} (positions 56-74: when the run wrote it). A copy of what was delivered is left
     * in {@code target/notification-actual/} for a reviewer.
     */
    static void assertGolden(Path delivered, String golden) throws Exception {
        List<String> actual = Files.readAllLines(delivered, StrictCharset.FILES);
        Path copy = Path.of("target/notification-actual").resolve(golden);
        Files.createDirectories(copy.getParent());
        Files.write(copy, actual, StrictCharset.FILES);
        List<String> expected = Files.readAllLines(SAMPLES.resolve("expected").resolve(golden), StrictCharset.FILES);
        assertThat(withoutCreated(actual)).as("golden " + golden).isEqualTo(withoutCreated(expected));
    }

    private static List<String> withoutCreated(List<String> lines) {
        return lines.stream().map(l -> l.startsWith("00") && l.length() >= 74 ? l.substring(0, 55) + "<created>" + l.substring(74) : l)
                .toList();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
