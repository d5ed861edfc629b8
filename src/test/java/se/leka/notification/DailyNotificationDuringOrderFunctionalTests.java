package se.leka.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.leka.notification.NotificationScenario.AGENT_FOR_MUNICIPALITY;
import static se.leka.notification.NotificationScenario.INSURER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import se.leka.format.EndRecord;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;
import se.leka.order.OrderLineCheckpoint;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * An order file's apply and deliver run side by side. Here the insurer's second order file has
 * read its complete information and is still applying its one new watch when a register delta is
 * imported and a daily run goes: the run must not move the insurer's watermark past the position
 * the file holds (the new watch is not visible to it), and the next run sends the new watch's
 * change — once. Without the hold the change would go to nobody: not in the complete information
 * (read before the delta), not in the first run (the watch was not there), not in the second (the
 * watermark already past it).
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", NotificationScenario.NO_DEMO_REGISTER})
class DailyNotificationDuringOrderFunctionalTests extends NotificationTestBase {

    static final LocalDate FRIDAY = LocalDate.of(2026, 12, 4);
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    static final LocalDate TUESDAY = LocalDate.of(2026, 12, 8);
    /** NOTIS-4 of the insurer's sample order: a sickness-benefit watch that the second delta changes. */
    static final String NEW_WATCH = "200001022383";
    static final AtomicBoolean STOP_IN_APPLY = new AtomicBoolean();
    static final CountDownLatch APPLY_REACHED = new CountDownLatch(1);
    static final CountDownLatch APPLY_MAY_GO_ON = new CountDownLatch(1);

    @TestConfiguration
    static class ApplyWaitsForTheTest {
        @Bean
        OrderLineCheckpoint applyWaitsOnce() {
            return (step, line) -> {
                if (step.equals("apply") && STOP_IN_APPLY.compareAndSet(true, false)) {
                    APPLY_REACHED.countDown();
                    try {
                        if (!APPLY_MAY_GO_ON.await(60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test did not let apply go on");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            };
        }
    }

    @TempDir
    Path dir;

    @Test
    void a_daily_run_while_an_order_file_applies_its_watches_leaves_their_changes_for_the_next_run() throws Exception {
        NotificationScenario.importExtract(imports, NotificationScenario.SNAPSHOT);
        NotificationScenario.importExtract(imports, NotificationScenario.DELTA_1);
        List<String> sample = Files.readAllLines(NotificationScenario.SAMPLES.resolve("5566778899_BEST_20261130_0000005.txt"),
                StrictCharset.FILES);
        List<String> others = new ArrayList<>(sample.subList(1, sample.size() - 1));
        String newWatchLine = others.stream().filter(l -> l.substring(3, 15).equals(NEW_WATCH)).findFirst().orElseThrow();
        others.remove(newWatchLine);
        NotificationScenario.order(jobOperator, orderIntake, orderFile(sample.get(0), 5, others), INSURER);
        NotificationScenario.order(jobOperator, orderIntake,
                NotificationScenario.SAMPLES.resolve("2120997776_BEST_20261130_0000002.txt"), AGENT_FOR_MUNICIPALITY);

        STOP_IN_APPLY.set(true);
        Path second = orderFile(sample.get(0), 6, List.of(newWatchLine));
        CompletableFuture<JobExecution> ordering = CompletableFuture.supplyAsync(() -> {
            try {
                return NotificationScenario.startOrder(jobOperator, orderIntake, second, INSURER);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(APPLY_REACHED.await(60, TimeUnit.SECONDS)).as("the second order file reached apply").isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(jdbc.sql("""
                SELECT s.STATUS FROM BATCH_STEP_EXECUTION s JOIN order_file f ON f.held_by_job_execution_id = s.JOB_EXECUTION_ID
                WHERE f.file_name = ? AND s.STEP_NAME = 'order-intake.deliver'""").param(second.getFileName().toString())
                .query(String.class).optional().orElse(null)));
        long held = jdbc.sql("SELECT changes_after_seq FROM order_file WHERE file_name = ? AND notifications_held = TRUE")
                .param(second.getFileName().toString()).query(Long.class).single();

        NotificationScenario.importExtract(imports, NotificationScenario.DELTA_2); // changes the new watch's fact
        long latest = NotificationScenario.latestSequence(jdbc);
        assertThat(latest).isGreaterThan(held);
        assertThat(NotificationScenario.runDaily(jobOperator, daily, FRIDAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StreamRun insurer = runs.streams(FRIDAY).stream().filter(r -> r.mailbox().equals(NotificationStore.mailbox(INSURER)))
                .findFirst().orElseThrow();
        assertThat(insurer.reason()).isEqualTo(DailyPlanTasklet.HELD_BY_ORDER_FILE);
        assertThat(insurer.message()).contains(second.getFileName().toString());
        assertThat(insurer.toSequence()).isEqualTo(held);
        assertThat(runs.watermark(NotificationStore.mailbox(INSURER))).hasValue(held);
        assertThat(runs.watermark(NotificationStore.mailbox(AGENT_FOR_MUNICIPALITY)))
                .as("another party's stream is not held").hasValue(latest);
        assertThat(sentChanges()).isZero();

        APPLY_MAY_GO_ON.countDown();
        assertThat(ordering.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT notifications_held FROM order_file WHERE file_name = ?").param(second.getFileName().toString())
                .query(Boolean.class).single()).as("apply released the hold").isFalse();

        assertThat(NotificationScenario.runDaily(jobOperator, daily, MONDAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runs.streams(MONDAY)).allSatisfy(run -> assertThat(run.reason()).isNull());
        assertThat(runs.watermark(NotificationStore.mailbox(INSURER))).hasValue(latest);
        assertThat(sentChanges()).as("the new watch's change, sent once, by the next run").isEqualTo(1);
        assertThat(NotificationScenario.dailyFile(outboxes, MONDAY, INSURER)).isPresent();

        // A hold left behind by a job that has completed (one restarted across the upgrade that
        // added the hold step) holds nothing.
        jdbc.sql("UPDATE order_file SET notifications_held = TRUE WHERE file_name = ?").param(second.getFileName().toString())
                .update();
        assertThat(NotificationScenario.runDaily(jobOperator, daily, TUESDAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runs.streams(TUESDAY)).allSatisfy(run -> assertThat(run.reason()).isNull());
    }

    private long sentChanges() {
        return jdbc.sql("SELECT COUNT(*) FROM disclosure_log WHERE personnummer = ? AND information_type = 1 AND recipient_org = ?")
                .params(NEW_WATCH, INSURER).query(Long.class).single();
    }

    /** The insurer's order file with sequence number {@code sequence} and only {@code details} between start and end. */
    private Path orderFile(String startLine, long sequence, List<String> details) throws Exception {
        StartRecord start = StartRecord.parse(startLine);
        StartRecord numbered = new StartRecord(start.fileType(), start.formatVersion(), start.sender(), start.principal(),
                start.agreementId(), sequence, start.created());
        List<String> lines = new ArrayList<>();
        lines.add(numbered.format());
        lines.addAll(details);
        lines.add(new EndRecord(details.size()).format());
        Path file = dir.resolve(String.format("5566778899_BEST_20261130_%07d.txt", sequence));
        Files.write(file, lines, StrictCharset.FILES);
        return file;
    }
}
