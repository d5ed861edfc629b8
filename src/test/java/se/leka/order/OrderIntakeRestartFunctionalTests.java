package se.leka.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.audit.DisclosureEntry;
import se.leka.audit.DisclosureLog;
import se.leka.exchange.Outboxes;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import se.leka.format.EndRecord;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The same forty orders sent by two parties: the insurer's run goes through uninterrupted, the
 * broker's fails on purpose in the middle of check-lines, then of apply and of deliver in the same
 * run (they run side by side), then of deliver again, and is restarted after each. The broker's
 * outputs must be
 * those of an uninterrupted run — the same delivery body to the byte, one watch and one disclosure
 * row per person, in order — with no duplicate and no gap. (The parties differ only in the start
 * record, so everything after it must match.)
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", "leka.order.chunk-size=7", "leka.order.deliver-page-size=7"})
class OrderIntakeRestartFunctionalTests {

    static final OrgNumber INSURER = OrgNumber.parse("5566778899");
    static final OrgNumber BROKER = OrgNumber.parse("5599001129");
    /** Where to fail, each point once. */
    static final Set<String> FAIL_AT = ConcurrentHashMap.newKeySet();

    @TestConfiguration
    static class FailOnce {
        @Bean
        OrderLineCheckpoint failOnceAt() {
            return (step, line) -> {
                if (FAIL_AT.remove(step + ":" + line)) {
                    throw new IllegalStateException("injected failure in " + step + " at line " + line);
                }
            };
        }
    }

    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier(OrderIntakeJobConfiguration.JOB_NAME)
    Job orderIntake;
    @Autowired
    Outboxes outboxes;
    @Autowired
    DisclosureLog disclosures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OrderFiles files;

    @TempDir
    Path dir;

    @Test
    void a_run_that_fails_in_deliver_and_apply_and_is_restarted_equals_an_uninterrupted_run() throws Exception {
        List<String> persons = jdbc.sql("SELECT DISTINCT personnummer FROM register_fact ORDER BY personnummer LIMIT 40")
                .query(String.class).list();
        assertThat(persons).as("demo register facts to deliver").hasSize(40);

        JobExecution clean = jobOperator.start(orderIntake, parameters(1, orderFile(INSURER, "AVT-2026-0001", persons)));
        assertThat(clean.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        JobParameters brokerRun = parameters(2, orderFile(BROKER, "AVT-2026-0002", persons));
        FAIL_AT.add("check-lines:12");
        JobExecution failed = jobOperator.start(orderIntake, brokerRun);
        // Apply and deliver run side by side: both fail in one run; deliver:37 is a later page than 30.
        for (Set<String> next : List.of(Set.of("apply:18", "deliver:30"), Set.of("deliver:37"))) {
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(FAIL_AT).as("the run reached its failures").isEmpty();
            if (next.contains("deliver:37")) {
                assertThat(held(2)).as("apply failed: the broker's notifications are still held back").isTrue();
            }
            FAIL_AT.addAll(next);
            failed = jobOperator.restart(failed);
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(FAIL_AT).isEmpty();
        JobExecution last = jobOperator.restart(failed);
        assertThat(last.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(last.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_line WHERE inbound_file_id = 2").query(Long.class).single())
                .as("every line stored once, the page that failed in check-lines included").isEqualTo(persons.size());

        List<String> cleanFile = delivery(INSURER, 1);
        List<String> restartedFile = delivery(BROKER, 2);
        assertThat(body(restartedFile)).isEqualTo(body(cleanFile)).hasSizeGreaterThan(40);
        assertThat(EndRecord.parse(restartedFile.get(restartedFile.size() - 1)).recordCount()).isEqualTo(body(cleanFile).size());
        assertThat(StartRecord.parse(restartedFile.get(0)).created()).isEqualTo(StartRecord.parse(cleanFile.get(0)).created());

        assertThat(jdbc.sql("SELECT personnummer FROM watch WHERE party_org = ? ORDER BY source_line").param(BROKER.value())
                .query(String.class).list()).containsExactlyElementsOf(persons);
        assertThat(held(2)).as("released by apply").isFalse();
        // A crash after apply committed but before its step was recorded: the restart runs it again.
        long watches = jdbc.sql("SELECT COUNT(*) FROM watch").query(Long.class).single();
        new WatchApplyingTasklet(jdbc, files, files.find(2).orElseThrow(), null)
                .execute(new StepContribution(MetaDataInstanceFactory.createStepExecution()), null);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM watch").query(Long.class).single()).as("applied once").isEqualTo(watches);
        assertThat(jdbc.sql("SELECT DISTINCT w.changes_after_seq - f.changes_after_seq FROM watch w JOIN order_file f "
                        + "ON f.inbound_file_id = w.source_file_id WHERE w.party_org = ?").param(BROKER.value())
                .query(Long.class).list()).as("the watches' changes begin where the hold was set").containsExactly(0L);

        String brokerFile = outboxes.find(BROKER, FileType.LEVE, OrderOutputs.deliveryKey(2)).orElseThrow().fileName().toString();
        List<DisclosureEntry> logged = disclosures.forFile(brokerFile);
        assertThat(logged).extracting(DisclosureEntry::personnummer).containsExactlyElementsOf(persons);
        assertThat(logged).extracting(DisclosureEntry::seq)
                .as("contiguous: nothing written twice, nothing lost").isSorted()
                .satisfies(seqs -> assertThat(seqs.get(seqs.size() - 1) - seqs.get(0)).isEqualTo(seqs.size() - 1));
        assertThat(disclosures.verifyChain().intact()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_file WHERE party = ? AND file_type = 'LEVE'").param(BROKER.value())
                .query(Long.class).single()).as("exactly one delivery file").isEqualTo(1);
    }

    private boolean held(long fileId) {
        return jdbc.sql("SELECT notifications_held FROM order_file WHERE inbound_file_id = ?").param(fileId)
                .query(Boolean.class).single();
    }

    private List<String> delivery(OrgNumber party, long fileId) throws Exception {
        return Files.readAllLines(outboxes.find(party, FileType.LEVE, OrderOutputs.deliveryKey(fileId)).orElseThrow().path(),
                StrictCharset.FILES);
    }

    private static List<String> body(List<String> file) {
        return file.subList(1, file.size() - 1);
    }

    private Path orderFile(OrgNumber party, String agreement, List<String> persons) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(new StartRecord(FileType.BEST, 1, party, null, agreement, 1, LocalDateTime.of(2026, 11, 30, 6, 0)).format());
        for (int i = 0; i < persons.size(); i++) {
            lines.add(OrderLineSamples.order("N", persons.get(i), "SAM", "SJUK", "2020-01-01", "", "REF-" + i));
        }
        lines.add(new EndRecord(persons.size()).format());
        Path file = dir.resolve(party.value() + "_BEST_20261130_0000001.txt");
        Files.write(file, lines, StrictCharset.FILES);
        return file;
    }

    private JobParameters parameters(long fileId, Path file) throws Exception {
        return new JobParametersBuilder()
                .addLong(OrderIntakeJobConfiguration.FILE_ID, fileId)
                .addString(OrderIntakeJobConfiguration.CHECKSUM, OrderIntakeFunctionalTests.sha256(file))
                .addString(OrderIntakeJobConfiguration.FILE, file.toString(), false)
                .addString(OrderIntakeJobConfiguration.FILE_NAME, file.getFileName().toString(), false)
                .addString(OrderIntakeJobConfiguration.MAILBOX, file.getFileName().toString().substring(0, 10), false)
                .addString(OrderIntakeJobConfiguration.RECEIVED_AT, "2026-11-30T06:05:00", false)
                .toJobParameters();
    }
}
