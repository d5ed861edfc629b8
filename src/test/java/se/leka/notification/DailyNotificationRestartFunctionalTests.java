package se.leka.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static se.leka.notification.NotificationScenario.AGENT_FOR_MUNICIPALITY;
import static se.leka.notification.NotificationScenario.INSURER;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import se.leka.audit.DisclosureEntry;
import se.leka.exchange.OutboundFile;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * A daily run that fails on purpose inside the insurer's partition, after its first page was
 * committed: the restart continues that partition from its last commit and delivers exactly one
 * file, with every person once; the other partition, which had finished, is not run again.
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", NotificationScenario.NO_DEMO_REGISTER,
        "leka.notification.chunk-size=2"})
class DailyNotificationRestartFunctionalTests extends NotificationTestBase {

    static final LocalDate RUN = LocalDate.of(2026, 12, 1);
    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicInteger INSURER_PAGES = new AtomicInteger();

    @TestConfiguration
    static class FailOnce {
        @Bean
        NotificationCheckpoint failInTheInsurersSecondPage() {
            return (point, mailbox) -> {
                if (point.equals("write") && mailbox.equals(INSURER) && INSURER_PAGES.incrementAndGet() == 2
                        && ARMED.compareAndSet(true, false)) {
                    throw new IllegalStateException("injected failure in the insurer's second page");
                }
            };
        }
    }


    @Test
    void a_partner_that_failed_is_continued_and_gets_exactly_one_file_and_the_others_are_not_redone() throws Exception {
        NotificationScenario.importExtract(imports, NotificationScenario.SNAPSHOT);
        NotificationScenario.orderWatches(jobOperator, orderIntake);
        NotificationScenario.importExtract(imports, NotificationScenario.DELTA_1);
        NotificationScenario.importExtract(imports, NotificationScenario.DELTA_2);
        long bound = NotificationScenario.latestSequence(jdbc);

        ARMED.set(true);
        JobExecution failed = NotificationScenario.runDaily(jobOperator, daily, RUN);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(runs.watermark(NotificationStore.mailbox(INSURER))).as("not moved: its file is not delivered").hasValue(0);
        assertThat(runs.watermark(NotificationStore.mailbox(AGENT_FOR_MUNICIPALITY))).hasValue(bound);
        OutboundFile municipality = NotificationScenario.dailyFile(outboxes, RUN, AGENT_FOR_MUNICIPALITY).orElseThrow();
        assertThat(municipality.jobExecutionId()).isEqualTo(failed.getId());
        String insurerFile = jdbc.sql("SELECT file_name FROM outbound_file WHERE output_key = ?").param("daily:" + RUN + ":" + INSURER)
                .query(String.class).single();
        assertThat(disclosures.forFile(insurerFile)).as("the first page (two persons), committed").hasSize(2);

        JobExecution restarted = jobOperator.restart(failed);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());

        OutboundFile insurer = NotificationScenario.dailyFile(outboxes, RUN, INSURER).orElseThrow();
        assertThat(insurer.fileName().toString()).isEqualTo(insurerFile);
        NotificationScenario.assertGolden(insurer.path(), "restart_" + insurer.fileName());
        try (var outbox = Files.list(insurer.path().getParent())) {
            assertThat(outbox.filter(p -> p.getFileName().toString().contains("_LEVE_")).count())
                    .as("the order's delivery and exactly one daily file").isEqualTo(2);
        }
        assertThat(disclosures.forFile(insurerFile)).extracting(DisclosureEntry::personnummer)
                .containsExactly("200001011493", "200001012392", "200001022383");
        assertThat(disclosures.verifyChain().intact()).isTrue();
        assertThat(runs.watermark(NotificationStore.mailbox(INSURER))).hasValue(bound);

        assertThat(stepExecutions("daily-notification.stream:stream-5569988776-2120997776")).as("not redone").isEqualTo(1);
        assertThat(stepExecutions("daily-notification.stream:stream-" + INSURER)).isEqualTo(2);
        assertThat(stepExecutions("daily-notification.plan")).as("the plan and its upper bound are kept").isEqualTo(1);
        assertThat(NotificationScenario.dailyFile(outboxes, RUN, AGENT_FOR_MUNICIPALITY).orElseThrow().id()).isEqualTo(municipality.id());
    }

    private long stepExecutions(String stepName) {
        return jdbc.sql("SELECT COUNT(*) FROM batch_step_execution WHERE step_name = ?").param(stepName).query(Long.class).single();
    }
}
