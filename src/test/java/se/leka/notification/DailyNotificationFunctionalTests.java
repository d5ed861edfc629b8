package se.leka.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.leka.notification.NotificationScenario.AGENT_FOR_MUNICIPALITY;
import static se.leka.notification.NotificationScenario.INSURER;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import se.leka.audit.DisclosureEntry;
import se.leka.exchange.Mailbox;
import se.leka.exchange.OutboundFile;
import se.leka.format.OrgNumber;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * Three consecutive daily runs over the scenario of {@link NotificationScenario}: the first after
 * the first register delta, the second after the second, the third with nothing new. Each run's
 * files are compared with the golden files of {@code sample-files/notification/expected/}, and the
 * watermarks, the disclosure log and the skipped streams are checked after each.
 */
// Two changed persons a page and one watch a transaction: the golden files also show that the
// pages of the change-log-first reading (ChangeGroups) put every person once, in order.
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", NotificationScenario.NO_DEMO_REGISTER,
        "leka.notification.persons-per-page=2", "leka.notification.chunk-size=1"})
class DailyNotificationFunctionalTests extends NotificationTestBase {

    static final LocalDate RUN_1 = LocalDate.of(2026, 12, 1);
    static final LocalDate RUN_2 = LocalDate.of(2026, 12, 2);
    static final LocalDate RUN_3 = LocalDate.of(2026, 12, 3);


    @Test
    void three_runs_deliver_each_delta_once_and_move_the_watermarks() throws Exception {
        NotificationScenario.importExtract(imports, NotificationScenario.SNAPSHOT);
        NotificationScenario.orderWatches(jobOperator, orderIntake);
        // Watches that can no longer be delivered: an ended agreement, an agent whose assignment ended.
        insertWatch("5561234567", null, "AVT-2025-0007", "200001012384");
        insertWatch("5599001129", "5569988776", "AVT-2026-0002", "200001012384");

        NotificationScenario.importExtract(imports, NotificationScenario.DELTA_1);
        long afterDelta1 = NotificationScenario.latestSequence(jdbc);
        JobExecution first = NotificationScenario.runDaily(jobOperator, daily, RUN_1);
        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        OutboundFile insurer1 = NotificationScenario.dailyFile(outboxes, RUN_1, INSURER).orElseThrow();
        NotificationScenario.assertGolden(insurer1.path(), "run1_" + insurer1.fileName());
        assertThat(NotificationScenario.dailyFile(outboxes, RUN_1, AGENT_FOR_MUNICIPALITY)).as("no change for its watch").isEmpty();
        assertThat(runs.streams(RUN_1))
                .extracting(r -> r.mailbox().relativeDir(), StreamRun::status, StreamRun::reason, StreamRun::toSequence, StreamRun::persons)
                .containsExactly(
                        tuple("5561234567", StreamRun.Status.SKIPPED, "AGREEMENT_ENDED", null, null),
                        tuple(INSURER, StreamRun.Status.DELIVERED, null, afterDelta1, 3L),
                        tuple("5569988776/2120997776", StreamRun.Status.NO_CHANGES, null, afterDelta1, 0L),
                        tuple("5569988776/5599001129", StreamRun.Status.SKIPPED, "ASSIGNMENT_ENDED", null, null));
        assertWatermarks(afterDelta1);
        assertThat(disclosures.forFile(insurer1.fileName().toString()))
                .extracting(DisclosureEntry::personnummer, DisclosureEntry::legalBasisId, DisclosureEntry::informationType,
                        DisclosureEntry::jobExecutionId)
                .containsExactly(tuple("200001011493", "SFB-SAM-FB", 1, first.getId()),
                        tuple("200001012392", "SFB-SAM-FB", 1, first.getId()),
                        tuple("200001022383", "SFB-SAM-FB", 1, first.getId()));

        NotificationScenario.importExtract(imports, NotificationScenario.DELTA_2);
        long afterDelta2 = NotificationScenario.latestSequence(jdbc);
        assertThat(NotificationScenario.runDaily(jobOperator, daily, RUN_2).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        OutboundFile insurer2 = NotificationScenario.dailyFile(outboxes, RUN_2, INSURER).orElseThrow();
        NotificationScenario.assertGolden(insurer2.path(), "run2_" + insurer2.fileName());
        OutboundFile municipality2 = NotificationScenario.dailyFile(outboxes, RUN_2, AGENT_FOR_MUNICIPALITY).orElseThrow();
        assertThat(municipality2.mailbox()).isEqualTo(Mailbox.viaAgent(OrgNumber.parse("5569988776"), OrgNumber.parse("2120997776")));
        NotificationScenario.assertGolden(municipality2.path(), "run2_" + municipality2.fileName());
        assertThat(disclosures.forFile(municipality2.fileName().toString()))
                .extracting(DisclosureEntry::recipientOrg, DisclosureEntry::agentOrg, DisclosureEntry::legalBasisId)
                .containsExactly(tuple("2120997776", "5569988776", "F2008-SOCT"));
        assertWatermarks(afterDelta2);

        assertThat(NotificationScenario.runDaily(jobOperator, daily, RUN_3).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(NotificationScenario.dailyFile(outboxes, RUN_3, INSURER)).as("nothing new").isEmpty();
        assertThat(NotificationScenario.dailyFile(outboxes, RUN_3, AGENT_FOR_MUNICIPALITY)).isEmpty();
        assertThat(runs.streams(RUN_3)).filteredOn(r -> r.status() != StreamRun.Status.SKIPPED)
                .extracting(StreamRun::status).containsOnly(StreamRun.Status.NO_CHANGES);
        assertWatermarks(afterDelta2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_file WHERE output_key LIKE 'daily:%'").query(Long.class).single())
                .as("one file per stream with changes, over all three runs").isEqualTo(3);
        assertThat(disclosures.verifyChain().intact()).isTrue();
    }

    private void assertWatermarks(long expected) {
        assertThat(runs.watermark(NotificationStore.mailbox(INSURER))).hasValue(expected);
        assertThat(runs.watermark(NotificationStore.mailbox(AGENT_FOR_MUNICIPALITY))).hasValue(expected);
        assertThat(runs.watermark(NotificationStore.mailbox("5561234567"))).as("skipped: never moved").isEmpty();
    }

    private void insertWatch(String party, String agent, String agreement, String person) {
        jdbc.sql("""
                INSERT INTO watch (party_org, agent_org, agreement_id, personnummer, purpose_code, legal_basis_id, benefit_families,
                                   from_date, source_file_id, source_line, started_on)
                VALUES (?, ?, ?, ?, 'SAM', 'SFB-SAM-FB', 'SJUK', DATE '2026-01-01', ?, 1, DATE '2026-01-02')""")
                .params(party, agent, agreement, person, 900_000 + List.of("5561234567", "5599001129").indexOf(party))
                .update();
    }
}
