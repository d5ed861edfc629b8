package se.leka.agreement;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.format.OrgNumber;

/**
 * The per-record disclosure decision: "is this party allowed, on this date, to receive these
 * benefits for this purpose about this person (given consent / case references)?". The answer is
 * the resolved {@link LegalBasis} or a refusal with a stable {@link RefusalReason}. Nothing leaves
 * LEKA without a {@link DisclosureDecision.Permitted}.
 */
@Service
public class DisclosureDecisions {

    private final AgreementStore store;

    DisclosureDecisions(AgreementStore store) {
        this.store = store;
    }

    /** Decides one request. For many records to the same recipient, take a {@link #policyFor policy} once. */
    @Transactional(readOnly = true)
    public DisclosureDecision decide(DisclosureRequest request) {
        return policyFor(request.recipient(), request.agent(), request.agreementId(), request.onDate())
                .decide(request.purposeCode(), request.benefitFamilies(), request.person(),
                        request.consentReference(), request.caseReference());
    }

    /**
     * Loads what decides disclosures to {@code recipient} on {@code day}, sent through {@code agent}
     * (null: the recipient itself) under {@code agreementId} (null: its agreement in force).
     */
    @Transactional(readOnly = true)
    public DisclosurePolicy policyFor(OrgNumber recipient, OrgNumber agent, String agreementId, LocalDate day) {
        Optional<Party> party = store.findParty(recipient);
        if (party.isEmpty()) {
            return DisclosurePolicy.refusing(day, null, null, new DisclosureDecision.Refused(RefusalReason.UNKNOWN_PARTY,
                    "party " + recipient + " is not registered"));
        }
        if (agent != null) {
            Optional<DisclosureDecision.Refused> agentRefusal = agentRefusal(agent, recipient, day);
            if (agentRefusal.isPresent()) {
                return DisclosurePolicy.refusing(day, party.get(), null, agentRefusal.get());
            }
        }
        Optional<Agreement> found = agreementId == null || agreementId.isBlank()
                ? agreementInForce(recipient, day)
                : store.findAgreement(agreementId).filter(a -> a.party().equals(recipient));
        if (found.isEmpty()) {
            return DisclosurePolicy.refusing(day, party.get(), null, agreementId == null || agreementId.isBlank()
                    ? new DisclosureDecision.Refused(RefusalReason.NO_AGREEMENT, "party " + recipient + " has no agreement")
                    : new DisclosureDecision.Refused(RefusalReason.AGREEMENT_NOT_FOUND,
                    "agreement " + agreementId + " does not exist for party " + recipient));
        }
        Agreement agreement = found.get();
        AgreementStanding standing = agreement.standingOn(day);
        return switch (standing) {
            case ACTIVE -> DisclosurePolicy.permitting(day, party.get(), agreement,
                    store.legalBases().stream().filter(b -> b.isValidOn(day)).toList());
            case NOT_ACTIVE_YET -> DisclosurePolicy.refusing(day, party.get(), agreement, new DisclosureDecision.Refused(
                    RefusalReason.AGREEMENT_NOT_ACTIVE, "agreement " + agreement.agreementId() + " is " + agreement.status()
                    + (agreement.activeFrom() == null ? "" : ", active from " + agreement.activeFrom()) + ", not active on " + day));
            case TERMINATED -> DisclosurePolicy.refusing(day, party.get(), agreement, new DisclosureDecision.Refused(
                    RefusalReason.AGREEMENT_TERMINATED, "agreement " + agreement.agreementId() + " is terminated from "
                    + agreement.terminationEffectiveOn()));
            case ENDED -> DisclosurePolicy.refusing(day, party.get(), agreement, new DisclosureDecision.Refused(
                    RefusalReason.AGREEMENT_ENDED, "agreement " + agreement.agreementId() + " ended on " + agreement.endedOn()));
        };
    }

    private Optional<DisclosureDecision.Refused> agentRefusal(OrgNumber agent, OrgNumber principal, LocalDate day) {
        Optional<Party> agentParty = store.findParty(agent);
        if (agentParty.isEmpty() || agentParty.get().type() != PartyType.AGENT) {
            return Optional.of(new DisclosureDecision.Refused(RefusalReason.UNKNOWN_AGENT,
                    "party " + agent + " is not a registered agent (ombud)"));
        }
        List<Assignment> forPrincipal = store.assignmentsOfAgent(agent).stream()
                .filter(a -> a.principal().equals(principal)).toList();
        if (forPrincipal.stream().anyMatch(a -> a.isActiveOn(day))) {
            return Optional.empty();
        }
        Optional<Assignment> ended = forPrincipal.stream().filter(a -> a.hasEndedBy(day))
                .max(Comparator.comparing(Assignment::endedOn));
        return Optional.of(ended
                .map(a -> new DisclosureDecision.Refused(RefusalReason.ASSIGNMENT_ENDED,
                        "agent " + agent + "'s assignment for " + principal + " ended on " + a.endedOn()))
                .orElseGet(() -> new DisclosureDecision.Refused(RefusalReason.NO_ASSIGNMENT,
                        "agent " + agent + " has no assignment for " + principal + " on " + day)));
    }

    /** The agreement active on {@code day}; failing that, the latest one, so the refusal can say why. */
    private Optional<Agreement> agreementInForce(OrgNumber party, LocalDate day) {
        List<Agreement> agreements = store.agreementsOf(party);
        return agreements.stream().filter(a -> a.standingOn(day) == AgreementStanding.ACTIVE).findFirst()
                .or(() -> agreements.stream().reduce((first, second) -> second));
    }
}
