package se.leka.agreement;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;

/** The agreement room's tables; plain SQL so that it runs the same on PostgreSQL and H2. */
@Repository
class AgreementStore {

    private final JdbcClient jdbc;

    AgreementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- parties

    void insertParty(Party party) {
        jdbc.sql("INSERT INTO party (org_number, name, party_type, contact_email) VALUES (?, ?, ?, ?)")
                .params(party.orgNumber().value(), party.name(), party.type().name(), party.contactEmail())
                .update();
    }

    Optional<Party> findParty(OrgNumber orgNumber) {
        return jdbc.sql("SELECT org_number, name, party_type, contact_email FROM party WHERE org_number = ?")
                .param(orgNumber.value()).query(AgreementStore::party).optional();
    }

    List<Party> allParties() {
        return jdbc.sql("SELECT org_number, name, party_type, contact_email FROM party ORDER BY name")
                .query(AgreementStore::party).list();
    }

    private static Party party(ResultSet rs, int row) throws SQLException {
        return new Party(OrgNumber.parse(rs.getString("org_number")), rs.getString("name"),
                PartyType.valueOf(rs.getString("party_type")), rs.getString("contact_email"));
    }

    // --- agreements

    void insertAgreement(Agreement a) {
        jdbc.sql("""
                INSERT INTO agreement (agreement_id, org_number, kind, status, delivery_frequency, applied_on, version)
                VALUES (?, ?, ?, ?, ?, ?, 0)""")
                .params(a.agreementId(), a.party().value(), a.kind().name(), a.status().name(),
                        a.deliveryFrequency().name(), Date.valueOf(a.appliedOn()))
                .update();
        for (String purpose : a.purposes()) {
            jdbc.sql("INSERT INTO agreement_purpose (agreement_id, purpose_code) VALUES (?, ?)")
                    .params(a.agreementId(), purpose).update();
        }
        for (BenefitFamily family : a.benefitFamilies()) {
            jdbc.sql("INSERT INTO agreement_benefit_family (agreement_id, benefit_family) VALUES (?, ?)")
                    .params(a.agreementId(), family.code()).update();
        }
    }

    /** Saves the lifecycle fields; refuses if someone else changed the agreement since it was read. */
    void updateLifecycle(Agreement a) {
        int updated = jdbc.sql("""
                UPDATE agreement SET status = ?, approved_on = ?, sent_for_signature_on = ?, party_signed_on = ?,
                       fk_signed_on = ?, termination_received_on = ?, termination_effective_on = ?, ended_on = ?,
                       version = version + 1
                WHERE agreement_id = ? AND version = ?""")
                .params(a.status().name(), date(a.approvedOn()), date(a.sentForSignatureOn()), date(a.partySignedOn()),
                        date(a.fkSignedOn()), date(a.terminationReceivedOn()), date(a.terminationEffectiveOn()),
                        date(a.endedOn()), a.agreementId(), a.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("Agreement " + a.agreementId() + " was changed by someone else; read it again");
        }
    }

    void insertEvent(String agreementId, String event, AgreementStatus from, AgreementStatus to, LocalDate occurredOn) {
        jdbc.sql("INSERT INTO agreement_event (agreement_id, event, from_status, to_status, occurred_on) VALUES (?, ?, ?, ?, ?)")
                .params(agreementId, event, from == null ? null : from.name(), to.name(), Date.valueOf(occurredOn))
                .update();
    }

    List<AgreementEvent> events(String agreementId) {
        return jdbc.sql("""
                SELECT event, from_status, to_status, occurred_on, recorded_at FROM agreement_event
                WHERE agreement_id = ? ORDER BY event_id""")
                .param(agreementId)
                .query((rs, row) -> new AgreementEvent(agreementId, rs.getString("event"),
                        rs.getString("from_status") == null ? null : AgreementStatus.valueOf(rs.getString("from_status")),
                        AgreementStatus.valueOf(rs.getString("to_status")), rs.getDate("occurred_on").toLocalDate(),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    Optional<Agreement> findAgreement(String agreementId) {
        return jdbc.sql("SELECT * FROM agreement WHERE agreement_id = ?").param(agreementId)
                .query(this::agreement).optional();
    }

    List<Agreement> agreementsOf(OrgNumber party) {
        return jdbc.sql("SELECT * FROM agreement WHERE org_number = ? ORDER BY applied_on, agreement_id")
                .param(party.value()).query(this::agreement).list();
    }

    List<Agreement> allAgreements() {
        return jdbc.sql("SELECT * FROM agreement ORDER BY agreement_id").query(this::agreement).list();
    }

    private Agreement agreement(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("agreement_id");
        Set<String> purposes = new HashSet<>(jdbc.sql("SELECT purpose_code FROM agreement_purpose WHERE agreement_id = ?")
                .param(id).query(String.class).list());
        Set<BenefitFamily> families = EnumSet.noneOf(BenefitFamily.class);
        jdbc.sql("SELECT benefit_family FROM agreement_benefit_family WHERE agreement_id = ?").param(id)
                .query(String.class).list()
                .forEach(code -> families.add(BenefitFamily.fromCode(code).orElseThrow(
                        () -> new IllegalStateException("agreement " + id + " names unknown benefit family " + code))));
        return new Agreement(id, OrgNumber.parse(rs.getString("org_number")), ContractKind.valueOf(rs.getString("kind")),
                AgreementStatus.valueOf(rs.getString("status")), DeliveryFrequency.valueOf(rs.getString("delivery_frequency")),
                localDate(rs, "applied_on"), localDate(rs, "approved_on"), localDate(rs, "sent_for_signature_on"),
                localDate(rs, "party_signed_on"), localDate(rs, "fk_signed_on"), localDate(rs, "termination_received_on"),
                localDate(rs, "termination_effective_on"), localDate(rs, "ended_on"), purposes, families,
                rs.getLong("version"));
    }

    // --- assignments

    long insertAssignment(OrgNumber agent, OrgNumber principal, LocalDate validFrom) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO agent_assignment (agent_org_number, principal_org_number, valid_from) VALUES (?, ?, ?)")
                .params(agent.value(), principal.value(), Date.valueOf(validFrom))
                .update(key, "assignment_id");
        return key.getKeyAs(Long.class);
    }

    int endAssignment(long assignmentId, LocalDate endedOn) {
        return jdbc.sql("UPDATE agent_assignment SET ended_on = ? WHERE assignment_id = ? AND ended_on IS NULL")
                .params(Date.valueOf(endedOn), assignmentId).update();
    }

    Optional<Assignment> findAssignment(long assignmentId) {
        return jdbc.sql("SELECT * FROM agent_assignment WHERE assignment_id = ?").param(assignmentId)
                .query(AgreementStore::assignment).optional();
    }

    List<Assignment> assignmentsOfAgent(OrgNumber agent) {
        return jdbc.sql("SELECT * FROM agent_assignment WHERE agent_org_number = ? ORDER BY valid_from, assignment_id")
                .param(agent.value()).query(AgreementStore::assignment).list();
    }

    List<Assignment> assignmentsOfPrincipal(OrgNumber principal) {
        return jdbc.sql("SELECT * FROM agent_assignment WHERE principal_org_number = ? ORDER BY valid_from, assignment_id")
                .param(principal.value()).query(AgreementStore::assignment).list();
    }

    List<Assignment> assignmentsEndedBy(LocalDate day) {
        return jdbc.sql("SELECT * FROM agent_assignment WHERE ended_on IS NOT NULL AND ended_on <= ? ORDER BY ended_on, assignment_id")
                .param(Date.valueOf(day)).query(AgreementStore::assignment).list();
    }

    // --- what the expiry job has done (table agreement_expiry)

    /** Records a change once; false when it was recorded before. */
    boolean recordExpiry(String kind, String targetId, OrgNumber party, LocalDate effectiveOn, LocalDate runDate,
                         long jobExecutionId) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM agreement_expiry WHERE kind = ? AND target_id = ?")
                .params(kind, targetId).query(Long.class).single() > 0;
        if (exists) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO agreement_expiry (kind, target_id, party, effective_on, run_date, job_execution_id, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, LOCALTIMESTAMP)""")
                .params(kind, targetId, party.value(), Date.valueOf(effectiveOn), Date.valueOf(runDate), jobExecutionId)
                .update();
        return true;
    }

    boolean expiryRecorded(String kind, String targetId) {
        return jdbc.sql("SELECT COUNT(*) FROM agreement_expiry WHERE kind = ? AND target_id = ?")
                .params(kind, targetId).query(Long.class).single() > 0;
    }

    /** Recorded changes whose event has not been handled yet: {target id, party, effective date}. */
    List<String[]> unpropagatedExpiries(String kind) {
        return jdbc.sql("SELECT target_id, party, effective_on FROM agreement_expiry WHERE kind = ? AND propagated_at IS NULL "
                        + "ORDER BY effective_on, target_id")
                .param(kind).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate().toString()})
                .list();
    }

    void markExpiryPropagated(String kind, String targetId) {
        jdbc.sql("UPDATE agreement_expiry SET propagated_at = LOCALTIMESTAMP WHERE kind = ? AND target_id = ?")
                .params(kind, targetId).update();
    }

    private static Assignment assignment(ResultSet rs, int row) throws SQLException {
        return new Assignment(rs.getLong("assignment_id"), OrgNumber.parse(rs.getString("agent_org_number")),
                OrgNumber.parse(rs.getString("principal_org_number")), localDate(rs, "valid_from"), localDate(rs, "ended_on"));
    }

    // --- legal-basis catalogue

    List<LegalBasis> legalBases() {
        return jdbc.sql("SELECT * FROM legal_basis ORDER BY purpose_code, party_type, valid_from")
                .query((rs, row) -> new LegalBasis(rs.getString("legal_basis_id"), rs.getString("purpose_code"),
                        rs.getString("purpose_name"), PartyType.valueOf(rs.getString("party_type")),
                        rs.getString("statute_reference"), rs.getBoolean("consent_required"),
                        rs.getBoolean("open_case_required"), localDate(rs, "valid_from"), localDate(rs, "valid_to")))
                .list();
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }
}
