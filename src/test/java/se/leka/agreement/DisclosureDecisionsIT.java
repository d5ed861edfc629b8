package se.leka.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The disclosure decision case by case, on the real tables: every purpose × party type of the
 * seeded catalogue, and every reason for a refusal.
 */
@LekaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisclosureDecisionsIT {

    static final LocalDate SIGNED = LocalDate.of(2026, 2, 1);
    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    static final Personnummer PERSON = Personnummer.parse("200001012384");
    static final Set<BenefitFamily> SJUK = EnumSet.of(BenefitFamily.SJUK);

    static final OrgNumber INSURER = OrgNumber.parse("5566778899");
    static final OrgNumber BROKER = OrgNumber.parse("5599001129");
    static final OrgNumber AGENCY = OrgNumber.parse("2021998881");
    static final OrgNumber MUNICIPALITY = OrgNumber.parse("2120997776");
    static final OrgNumber AGENT = OrgNumber.parse("5569988776");
    static final OrgNumber NARROW_INSURER = OrgNumber.parse("5560000019");
    static final OrgNumber NOT_YET_ACTIVE = OrgNumber.parse("5560000027");
    static final OrgNumber TERMINATED = OrgNumber.parse("5560000035");
    static final OrgNumber ENDED = OrgNumber.parse("5560000043");
    static final OrgNumber NO_AGREEMENT = OrgNumber.parse("5560000050");
    static final OrgNumber UNKNOWN = OrgNumber.parse("5560000068");

    @Autowired
    Parties parties;
    @Autowired
    Agreements agreements;
    @Autowired
    Assignments assignments;
    @Autowired
    DisclosureDecisions decisions;
    @Autowired
    LegalBasisCatalogue catalogue;

    @BeforeAll
    void partiesAndAgreements() {
        Set<BenefitFamily> broad = EnumSet.of(BenefitFamily.SJUK, BenefitFamily.FORA, BenefitFamily.SAE);
        active("A-INS", party(INSURER, PartyType.INSURANCE_COMPANY), Set.of("SAM", "RISK", "PENS", "SKAD"), broad);
        active("A-BRK", party(BROKER, PartyType.INSURANCE_BROKER), Set.of("SAM", "RISK", "PENS", "SKAD"), broad);
        active("A-AGY", party(AGENCY, PartyType.STATE_AGENCY), Set.of("MYND"), broad);
        active("A-MUN", party(MUNICIPALITY, PartyType.MUNICIPALITY), Set.of("SOCT", "VBID"), broad);
        active("A-NARROW", party(NARROW_INSURER, PartyType.INSURANCE_COMPANY), Set.of("SAM"), SJUK);

        party(NOT_YET_ACTIVE, PartyType.INSURANCE_COMPANY);
        agreements.apply("A-LATER", NOT_YET_ACTIVE, DeliveryFrequency.DAILY, SIGNED, Set.of("SAM"), SJUK);
        agreements.approve("A-LATER", SIGNED);
        agreements.sendForSignature("A-LATER", SIGNED);
        agreements.recordPartySignature("A-LATER", DAY.plusDays(1));
        agreements.recordFkSignature("A-LATER", DAY.plusDays(2));

        active("A-TERM", party(TERMINATED, PartyType.INSURANCE_COMPANY), Set.of("SAM"), SJUK);
        agreements.notifyTermination("A-TERM", DAY.minusDays(30), DAY.minusDays(1));

        active("A-END", party(ENDED, PartyType.INSURANCE_COMPANY), Set.of("SAM"), SJUK);
        agreements.notifyTermination("A-END", DAY.minusDays(30), DAY.minusDays(10));
        agreements.end("A-END", DAY.minusDays(10));

        party(NO_AGREEMENT, PartyType.INSURANCE_COMPANY);

        party(AGENT, PartyType.AGENT);
        assignments.assign(AGENT, INSURER, SIGNED);
        Assignment forMunicipality = assignments.assign(AGENT, MUNICIPALITY, SIGNED);
        assignments.end(forMunicipality.id(), DAY.minusDays(5));
    }

    private OrgNumber party(OrgNumber org, PartyType type) {
        parties.register(new Party(org, "Party " + org, type, "contact@example.org"));
        return org;
    }

    private void active(String id, OrgNumber party, Set<String> purposes, Set<BenefitFamily> families) {
        agreements.apply(id, party, DeliveryFrequency.DAILY, SIGNED.minusDays(20), purposes, families);
        agreements.approve(id, SIGNED.minusDays(10));
        agreements.sendForSignature(id, SIGNED.minusDays(9));
        agreements.recordPartySignature(id, SIGNED.minusDays(1));
        agreements.recordFkSignature(id, SIGNED);
    }

    private DisclosureDecision decide(OrgNumber recipient, OrgNumber agent, String purpose, Set<BenefitFamily> families,
                                      String consent, String caseRef) {
        return decisions.decide(new DisclosureRequest(recipient, agent, null, DAY, purpose, families, PERSON, consent, caseRef));
    }

    private static OrgNumber partyOfType(PartyType type) {
        return switch (type) {
            case INSURANCE_COMPANY -> INSURER;
            case INSURANCE_BROKER -> BROKER;
            case STATE_AGENCY -> AGENCY;
            case MUNICIPALITY -> MUNICIPALITY;
            case AGENT -> AGENT;
        };
    }

    Stream<Arguments> catalogueRows() {
        return catalogue.validOn(DAY).stream().map(b -> Arguments.of(b.purposeCode(), b.partyType(), b.id()));
    }

    @ParameterizedTest(name = "{0} for {1} is permitted under {2}")
    @MethodSource("catalogueRows")
    void every_catalogue_basis_permits_its_purpose_for_its_party_type(String purpose, PartyType type, String basisId) {
        DisclosureDecision decision = decide(partyOfType(type), null, purpose, SJUK, "CONSENT-1", "ÄRENDE-1");
        assertThat(decision).isInstanceOfSatisfying(DisclosureDecision.Permitted.class, p -> {
            assertThat(p.basis().id()).isEqualTo(basisId);
            assertThat(p.basis().statuteReference()).isNotBlank();
        });
    }

    Stream<Arguments> purposesForOtherPartyTypes() {
        List<LegalBasis> bases = catalogue.validOn(DAY);
        return bases.stream().map(LegalBasis::purposeCode).distinct().flatMap(purpose -> Stream.of(PartyType.values())
                .filter(type -> type != PartyType.AGENT)
                .filter(type -> bases.stream().noneMatch(b -> b.purposeCode().equals(purpose) && b.partyType() == type))
                .map(type -> Arguments.of(purpose, type)));
    }

    @ParameterizedTest(name = "{0} for {1} has no legal basis")
    @MethodSource("purposesForOtherPartyTypes")
    void a_purpose_is_refused_to_every_party_type_the_catalogue_does_not_name(String purpose, PartyType type) {
        assertRefused(decide(partyOfType(type), null, purpose, SJUK, "CONSENT-1", "ÄRENDE-1"),
                RefusalReason.PURPOSE_NOT_FOR_PARTY_TYPE);
    }

    @Test
    void the_catalogue_covers_every_purpose_of_the_domain_brief() {
        assertThat(catalogue.all()).extracting(LegalBasis::purposeCode).contains("SAM", "RISK", "PENS", "SKAD", "MYND", "SOCT", "VBID");
        assertThat(catalogue.all()).filteredOn(b -> b.purposeCode().equals("SAM")).allMatch(b -> !b.consentRequired());
        assertThat(catalogue.all()).filteredOn(b -> Set.of("RISK", "PENS", "SKAD").contains(b.purposeCode()))
                .allMatch(LegalBasis::consentRequired);
        assertThat(catalogue.all()).filteredOn(b -> b.partyType() == PartyType.STATE_AGENCY || b.partyType() == PartyType.MUNICIPALITY)
                .isNotEmpty().allMatch(LegalBasis::openCaseRequired);
    }

    @Test
    void coordination_needs_no_consent_but_risk_pension_and_claims_do() {
        assertThat(decide(INSURER, null, "SAM", SJUK, null, null).permitted()).isTrue();
        for (String purpose : List.of("RISK", "PENS", "SKAD")) {
            assertRefused(decide(INSURER, null, purpose, SJUK, null, null), RefusalReason.CONSENT_MISSING);
            assertRefused(decide(BROKER, null, purpose, SJUK, "  ", null), RefusalReason.CONSENT_MISSING);
        }
    }

    @Test
    void agencies_and_municipalities_need_a_case_reference() {
        assertRefused(decide(AGENCY, null, "MYND", SJUK, null, null), RefusalReason.CASE_REFERENCE_MISSING);
        assertRefused(decide(MUNICIPALITY, null, "SOCT", SJUK, null, ""), RefusalReason.CASE_REFERENCE_MISSING);
        assertRefused(decide(MUNICIPALITY, null, "VBID", SJUK, null, null), RefusalReason.CASE_REFERENCE_MISSING);
        assertThat(decide(MUNICIPALITY, null, "SOCT", SJUK, null, "SOC-2026-114").permitted()).isTrue();
    }

    @Test
    void the_agreement_limits_purposes_and_benefit_families() {
        assertRefused(decide(NARROW_INSURER, null, "SKAD", SJUK, "C", null), RefusalReason.PURPOSE_NOT_IN_AGREEMENT);
        assertRefused(decide(NARROW_INSURER, null, "SAM", EnumSet.of(BenefitFamily.SJUK, BenefitFamily.BOST), null, null),
                RefusalReason.BENEFIT_NOT_IN_AGREEMENT);
        assertRefused(decide(NARROW_INSURER, null, "SAM", Set.of(), null, null), RefusalReason.NO_BENEFITS_REQUESTED);
        assertRefused(decide(NARROW_INSURER, null, "NOPE", SJUK, null, null), RefusalReason.UNKNOWN_PURPOSE);
    }

    @Test
    void nothing_before_both_signatures_nor_after_termination_or_end() {
        assertRefused(decide(NOT_YET_ACTIVE, null, "SAM", SJUK, null, null), RefusalReason.AGREEMENT_NOT_ACTIVE);
        assertThat(decisions.decide(new DisclosureRequest(NOT_YET_ACTIVE, null, null, DAY.plusDays(2), "SAM", SJUK, PERSON, null, null))
                .permitted()).as("active from the later signature").isTrue();
        assertRefused(decide(TERMINATED, null, "SAM", SJUK, null, null), RefusalReason.AGREEMENT_TERMINATED);
        assertThat(decisions.decide(new DisclosureRequest(TERMINATED, null, null, DAY.minusDays(2), "SAM", SJUK, PERSON, null, null))
                .permitted()).as("still active before the effective date").isTrue();
        assertRefused(decide(ENDED, null, "SAM", SJUK, null, null), RefusalReason.AGREEMENT_ENDED);
        assertRefused(decide(NO_AGREEMENT, null, "SAM", SJUK, null, null), RefusalReason.NO_AGREEMENT);
        assertRefused(decide(UNKNOWN, null, "SAM", SJUK, null, null), RefusalReason.UNKNOWN_PARTY);
    }

    @Test
    void a_named_agreement_must_be_the_recipients_own() {
        DisclosureDecision decision = decisions.decide(
                new DisclosureRequest(INSURER, null, "A-BRK", DAY, "SAM", SJUK, PERSON, null, null));
        assertRefused(decision, RefusalReason.AGREEMENT_NOT_FOUND);
        assertThat(decisions.decide(new DisclosureRequest(INSURER, null, "A-INS", DAY, "SAM", SJUK, PERSON, null, null))
                .permitted()).isTrue();
    }

    @Test
    void an_agent_acts_only_under_an_assignment_in_force() {
        assertThat(decide(INSURER, AGENT, "SAM", SJUK, null, null)).isInstanceOf(DisclosureDecision.Permitted.class);
        assertRefused(decide(MUNICIPALITY, AGENT, "SOCT", SJUK, null, "SOC-1"), RefusalReason.ASSIGNMENT_ENDED);
        assertThat(decisions.decide(new DisclosureRequest(MUNICIPALITY, AGENT, null, DAY.minusDays(6), "SOCT", SJUK, PERSON, null, "SOC-1"))
                .permitted()).as("the day before the assignment ended").isTrue();
        assertRefused(decide(BROKER, AGENT, "SAM", SJUK, null, null), RefusalReason.NO_ASSIGNMENT);
        assertRefused(decide(INSURER, BROKER, "SAM", SJUK, null, null), RefusalReason.UNKNOWN_AGENT);
    }

    @Test
    void a_policy_reports_party_level_refusals_once_for_a_whole_file() {
        DisclosurePolicy policy = decisions.policyFor(MUNICIPALITY, AGENT, null, DAY);
        assertThat(policy.partyLevelRefusal()).get().extracting(DisclosureDecision.Refused::reason)
                .isEqualTo(RefusalReason.ASSIGNMENT_ENDED);
        assertThat(policy.partyLevelRefusal().get().reason().isPartyLevel()).isTrue();
        DisclosurePolicy open = decisions.policyFor(INSURER, null, null, DAY);
        assertThat(open.partyLevelRefusal()).isEmpty();
        assertThat(open.agreement()).get().extracting(Agreement::agreementId).isEqualTo("A-INS");
    }

    @Test
    void every_lifecycle_step_is_kept_for_auditors() {
        assertThat(agreements.history("A-END")).extracting(AgreementEvent::event)
                .containsExactly("APPLIED", "APPROVED", "SENT_FOR_SIGNATURE", "PARTY_SIGNED", "FK_SIGNED",
                        "TERMINATION_NOTIFIED", "ENDED");
        assertThat(agreements.find("A-END")).get().extracting(Agreement::status).isEqualTo(AgreementStatus.ENDED);
    }

    private static void assertRefused(DisclosureDecision decision, RefusalReason reason) {
        assertThat(decision).isInstanceOfSatisfying(DisclosureDecision.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(reason));
    }
}
