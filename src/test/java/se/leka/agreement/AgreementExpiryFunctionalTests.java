package se.leka.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;
import se.leka.exchange.Mailbox;
import se.leka.exchange.Outboxes;
import se.leka.exchange.PartnerMailboxes;
import se.leka.exchange.SftpLogins;
import se.leka.format.EndRecord;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;
import se.leka.testsupport.LekaIntegrationTest;
import se.leka.testsupport.TestAgreements;

/**
 * The agreement-expiry job over a few business dates around a termination's effective date E
 * (E is ten days from today, so the registration notice can still be fetched): the notice when the
 * termination is registered, the final notice on E − 1, the end exactly on E with watches, the
 * agents' assignments and the SFTP login, an assignment ending by date, a termination for a later
 * date left alone, and runs that do nothing twice.
 */
@LekaIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgreementExpiryFunctionalTests {

    static final OrgNumber INSURER = OrgNumber.parse("5566778899");
    static final OrgNumber BROKER = OrgNumber.parse("5599001129");
    static final OrgNumber MUNICIPALITY = OrgNumber.parse("2120997776");
    static final OrgNumber AGENT = OrgNumber.parse("5569988776");
    static final LocalDate E = LocalDate.now().plusDays(10);
    static final LocalDate LATER = E.plusDays(30);

    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier(AgreementExpiryJobConfiguration.JOB_NAME)
    Job expiry;
    @Autowired
    Parties parties;
    @Autowired
    Agreements agreements;
    @Autowired
    Assignments assignments;
    @Autowired
    SftpLogins logins;
    @Autowired
    Outboxes outboxes;
    @Autowired
    OperatorActionLog actionLog;
    @Autowired
    JdbcClient jdbc;

    static long agentForInsurer;
    static long agentForMunicipality;

    void activeAgreement(OrgNumber org, PartyType type, String agreementId, String purpose) {
        TestAgreements.activeFrom(parties, agreements, org, "Part " + org.value(), type, agreementId, purpose, LocalDate.of(2026, 1, 1));
        logins.create(org);
    }

    void watch(OrgNumber party, String agreementId, String person, int line) {
        jdbc.sql("""
                INSERT INTO watch (party_org, agreement_id, personnummer, purpose_code, legal_basis_id, benefit_families,
                                   from_date, source_file_id, source_line, started_on)
                VALUES (?, ?, ?, 'SAM', 'SFB-SAM-FB', 'SJUK', DATE '2026-01-01', 1, ?, DATE '2026-02-01')""")
                .params(party.value(), agreementId, person, line).update();
    }

    JobExecution run(LocalDate runDate) throws Exception {
        JobExecution execution = jobOperator.start(expiry,
                new JobParametersBuilder().addLocalDate(AgreementExpiryJobConfiguration.RUN_DATE, runDate).toJobParameters());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    List<OperatorAction> expiryActions() {
        return actionLog.search(AgreementExpiry.ACTOR, null, null, null, null, 1000);
    }

    List<String> notice(OrgNumber party, Mailbox mailbox, String code) throws Exception {
        String key = PartnerMailboxes.outputKey("agreement-notice:" + code + ":AVT-EXP-1", mailbox);
        return Files.readAllLines(outboxes.find(party, FileType.MEDD, key).orElseThrow().path(), StrictCharset.FILES);
    }

    @Test
    @Order(1)
    void registering_a_termination_tells_the_partner_while_it_can_still_fetch_files() throws Exception {
        activeAgreement(INSURER, PartyType.INSURANCE_COMPANY, "AVT-EXP-1", "SAM");
        activeAgreement(BROKER, PartyType.INSURANCE_BROKER, "AVT-EXP-2", "SAM");
        activeAgreement(MUNICIPALITY, PartyType.MUNICIPALITY, "OVK-EXP-1", "SOCT");
        parties.register(new Party(AGENT, "Ombud AB", PartyType.AGENT, "ombud@example.se"));
        logins.create(AGENT);
        agentForInsurer = assignments.assign(AGENT, INSURER, LocalDate.of(2026, 1, 1)).id();
        agentForMunicipality = assignments.assign(AGENT, MUNICIPALITY, LocalDate.of(2026, 1, 1)).id();
        assignments.end(agentForMunicipality, E); // written notice received: the agent stops acting for it on E
        watch(INSURER, "AVT-EXP-1", "200001012384", 1);
        watch(INSURER, "AVT-EXP-1", "200001011493", 2);
        watch(BROKER, "AVT-EXP-2", "200001012384", 3);

        agreements.notifyTermination("AVT-EXP-1", LocalDate.now(), E);
        agreements.notifyTermination("AVT-EXP-2", LocalDate.now(), LATER);

        List<String> notice = notice(INSURER, Mailbox.of(INSURER), "UPPS");
        assertThat(StartRecord.parse(notice.get(0)).fileType()).isEqualTo(FileType.MEDD);
        assertThat(notice.get(1)).hasSize(120)
                .startsWith("60UPPSAVT-EXP-1           " + LocalDate.now() + E + E.minusDays(1))
                .endsWith("Avtalet upphör " + E + "; sista dag för filutbyte " + E.minusDays(1) + ".  ");
        assertThat(EndRecord.parse(notice.get(2)).recordCount()).isEqualTo(1);
        assertThat(notice(INSURER, Mailbox.viaAgent(AGENT, INSURER), "UPPS")).as("the agent acting for it is told too")
                .element(1).asString().startsWith("60UPPS");
    }

    @Test
    @Order(2)
    void two_days_before_the_effective_date_nothing_happens() throws Exception {
        run(E.minusDays(2));
        assertThat(agreements.find("AVT-EXP-1").orElseThrow().status()).isEqualTo(AgreementStatus.TERMINATION_NOTIFIED);
        assertThat(outboxes.find(INSURER, FileType.MEDD, "agreement-notice:SLUT:AVT-EXP-1")).isEmpty();
        assertThat(expiryActions()).isEmpty();
    }

    @Test
    @Order(3)
    void on_the_last_day_of_access_the_final_notice_goes_out_but_the_agreement_is_not_ended_a_day_early() throws Exception {
        long executionId = run(E.minusDays(1)).getId();
        Agreement agreement = agreements.find("AVT-EXP-1").orElseThrow();
        assertThat(agreement.status()).isEqualTo(AgreementStatus.TERMINATION_NOTIFIED);
        assertThat(agreement.standingOn(E.minusDays(1))).isEqualTo(AgreementStanding.ACTIVE);
        assertThat(notice(INSURER, Mailbox.of(INSURER), "SLUT").get(1))
                .startsWith("60SLUTAVT-EXP-1           " + " ".repeat(10) + E + E.minusDays(1));
        assertThat(notice(INSURER, Mailbox.viaAgent(AGENT, INSURER), "SLUT")).hasSize(3);
        assertThat(activeWatches("AVT-EXP-1")).isEqualTo(2);
        assertThat(expiryActions()).extracting(OperatorAction::action).contains("FINAL_NOTICE", "NOTICE_SLUT")
                .doesNotContain("END_AGREEMENT");
        assertThat(expiryActions()).allSatisfy(a -> assertThat(a.detail()).contains("job execution " + executionId));
    }

    @Test
    @Order(4)
    void on_the_effective_date_the_agreement_ends_with_its_watches_assignments_and_login() throws Exception {
        long executionId = run(E).getId();

        Agreement agreement = agreements.find("AVT-EXP-1").orElseThrow();
        assertThat(agreement.status()).isEqualTo(AgreementStatus.ENDED);
        assertThat(agreement.endedOn()).isEqualTo(E);
        assertThat(jdbc.sql("SELECT ended_on, end_reason FROM watch WHERE agreement_id = 'AVT-EXP-1'")
                .query((rs, n) -> rs.getDate(1).toLocalDate() + " " + rs.getString(2)).list())
                .containsExactly(E + " agreement ended", E + " agreement ended");
        assertThat(activeWatches("AVT-EXP-2")).as("another party's watches").isEqualTo(1);
        assertThat(assignments.ofPrincipal(INSURER)).singleElement().satisfies(a -> assertThat(a.endedOn()).isEqualTo(E));
        assertThat(assignments.principalsOn(AGENT, E)).as("the agent loses both principals on E").isEmpty();
        assertThat(assignments.principalsOn(AGENT, E.minusDays(1))).containsExactlyInAnyOrder(INSURER, MUNICIPALITY);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sftp_login WHERE login = ? AND disabled_at IS NOT NULL")
                .param(INSURER.value()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sftp_login WHERE disabled_at IS NOT NULL").query(Long.class).single())
                .as("the agent's and the others' logins stay").isEqualTo(1);

        List<OperatorAction> thisRun = expiryActions().stream()
                .filter(a -> a.detail().contains("job execution " + executionId)).toList();
        assertThat(thisRun).extracting(OperatorAction::action, OperatorAction::targetId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("END_AGREEMENT", "AVT-EXP-1"),
                        org.assertj.core.groups.Tuple.tuple("END_WATCHES", "AVT-EXP-1"),
                        org.assertj.core.groups.Tuple.tuple("DISABLE_SFTP_LOGIN", INSURER.value()),
                        org.assertj.core.groups.Tuple.tuple("END_ASSIGNMENT", Long.toString(agentForInsurer)),
                        org.assertj.core.groups.Tuple.tuple("END_ASSIGNMENT", Long.toString(agentForMunicipality)));
        assertThat(thisRun).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(OperatorAction.DONE));
    }

    @Test
    @Order(5)
    void a_termination_for_a_later_date_leaves_the_agreement_active_until_then() {
        Agreement later = agreements.find("AVT-EXP-2").orElseThrow();
        assertThat(later.status()).isEqualTo(AgreementStatus.TERMINATION_NOTIFIED);
        assertThat(later.standingOn(E)).isEqualTo(AgreementStanding.ACTIVE);
        assertThat(later.standingOn(LATER)).isEqualTo(AgreementStanding.TERMINATED);
        assertThat(outboxes.find(BROKER, FileType.MEDD, "agreement-notice:SLUT:AVT-EXP-2")).isEmpty();
    }

    @Test
    @Order(6)
    void running_again_does_nothing() throws Exception {
        int actions = expiryActions().size();
        long files = jdbc.sql("SELECT COUNT(*) FROM outbound_file").query(Long.class).single();

        assertThatThrownBy(() -> jobOperator.start(expiry, new JobParametersBuilder()
                .addLocalDate(AgreementExpiryJobConfiguration.RUN_DATE, E).toJobParameters()))
                .as("one run per business date").isInstanceOf(Exception.class);
        run(E.plusDays(1));

        assertThat(expiryActions()).hasSize(actions);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_file").query(Long.class).single()).isEqualTo(files);
        assertThat(agreements.history("AVT-EXP-1")).filteredOn(e -> e.event().equals("ENDED")).hasSize(1);
    }

    long activeWatches(String agreementId) {
        return jdbc.sql("SELECT COUNT(*) FROM watch WHERE agreement_id = ? AND ended_on IS NULL")
                .param(agreementId).query(Long.class).single();
    }
}
