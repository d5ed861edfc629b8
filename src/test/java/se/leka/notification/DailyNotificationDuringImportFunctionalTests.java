package se.leka.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static se.leka.notification.NotificationScenario.AGENT_FOR_MUNICIPALITY;
import static se.leka.notification.NotificationScenario.INSURER;

import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import se.leka.exchange.OutboundFile;
import se.leka.register.RegisterImports;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * A register delta imported while a daily run is going — after the run fixed its upper bound, before
 * the insurer's partition reads the change log — is not in that run's files and is delivered, once,
 * by the next delivery day's run. With the business-day calendar, the Saturday between them delivers
 * nothing and moves no watermark.
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", NotificationScenario.NO_DEMO_REGISTER,
        "leka.notification.calendar=BUSINESS_DAYS"})
class DailyNotificationDuringImportFunctionalTests extends NotificationTestBase {

    static final LocalDate FRIDAY = LocalDate.of(2026, 12, 4);
    static final LocalDate SATURDAY = LocalDate.of(2026, 12, 5);
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    static final AtomicBoolean IMPORT_WHILE_READING = new AtomicBoolean();

    @TestConfiguration
    static class ImportDuringTheRun {
        @Bean
        NotificationCheckpoint importTheSecondDeltaBeforeTheInsurerReads(ApplicationContext context) {
            return (point, mailbox) -> {
                if (point.equals("read") && mailbox.equals(INSURER) && IMPORT_WHILE_READING.compareAndSet(true, false)) {
                    // On a thread of its own, committed before the partition reads: as an import running beside the run.
                    CompletableFuture.runAsync(() -> {
                        try {
                            NotificationScenario.importExtract(context.getBean(RegisterImports.class), NotificationScenario.DELTA_2);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).orTimeout(60, TimeUnit.SECONDS).join();
                }
            };
        }
    }


    @Test
    void a_delta_imported_during_a_run_goes_out_once_with_the_next_delivery_day() throws Exception {
        NotificationScenario.importExtract(imports, NotificationScenario.SNAPSHOT);
        NotificationScenario.orderWatches(jobOperator, orderIntake);
        NotificationScenario.importExtract(imports, NotificationScenario.DELTA_1);
        long bound = NotificationScenario.latestSequence(jdbc);

        IMPORT_WHILE_READING.set(true);
        assertThat(NotificationScenario.runDaily(jobOperator, daily, FRIDAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(IMPORT_WHILE_READING).as("the delta was imported during the run").isFalse();
        assertThat(NotificationScenario.latestSequence(jdbc)).isGreaterThan(bound);
        OutboundFile friday = NotificationScenario.dailyFile(outboxes, FRIDAY, INSURER).orElseThrow();
        NotificationScenario.assertGolden(friday.path(), "run1_" + friday.fileName());
        assertThat(NotificationScenario.dailyFile(outboxes, FRIDAY, AGENT_FOR_MUNICIPALITY)).isEmpty();
        assertThat(runs.watermark(NotificationStore.mailbox(INSURER))).hasValue(bound);
        assertThat(runs.watermark(NotificationStore.mailbox(AGENT_FOR_MUNICIPALITY))).hasValue(bound);

        JobExecution saturday = NotificationScenario.runDaily(jobOperator, daily, SATURDAY);
        assertThat(saturday.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(saturday.getExitStatus().getExitCode()).isEqualTo("NOT_A_DELIVERY_DAY");
        assertThat(runs.streams(SATURDAY)).isEmpty();
        assertThat(runs.watermark(NotificationStore.mailbox(INSURER))).hasValue(bound);

        long afterDelta2 = NotificationScenario.latestSequence(jdbc);
        assertThat(NotificationScenario.runDaily(jobOperator, daily, MONDAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        OutboundFile insurer = NotificationScenario.dailyFile(outboxes, MONDAY, INSURER).orElseThrow();
        NotificationScenario.assertGolden(insurer.path(), "run2_" + insurer.fileName());
        OutboundFile municipality = NotificationScenario.dailyFile(outboxes, MONDAY, AGENT_FOR_MUNICIPALITY).orElseThrow();
        NotificationScenario.assertGolden(municipality.path(), "run2_" + municipality.fileName());
        assertThat(runs.watermark(NotificationStore.mailbox(INSURER))).hasValue(afterDelta2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_file WHERE output_key LIKE 'daily:%'").query(Long.class).single())
                .as("delivered once: Friday's file and Monday's two").isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_log WHERE personnummer = '200001062389' AND information_type = 1")
                .query(Long.class).single()).as("the second delta's change for the municipality, once").isEqualTo(1);
    }
}
