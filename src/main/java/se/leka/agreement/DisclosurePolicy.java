package se.leka.agreement;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import se.leka.format.BenefitFamily;
import se.leka.format.Personnummer;

/**
 * Everything that decides disclosures for one recipient on one day, loaded once: the recipient,
 * the agent's standing, the agreement and the legal bases in force. Jobs take one per file (see
 * {@link DisclosureDecisions#policyFor}) and then decide every record in memory.
 */
public final class DisclosurePolicy {

    private final LocalDate day;
    private final Party recipient;
    private final Agreement agreement;
    private final List<LegalBasis> basesOnDay;
    private final DisclosureDecision.Refused partyLevelRefusal;

    private DisclosurePolicy(LocalDate day, Party recipient, Agreement agreement, List<LegalBasis> basesOnDay,
                             DisclosureDecision.Refused partyLevelRefusal) {
        this.day = day;
        this.recipient = recipient;
        this.agreement = agreement;
        this.basesOnDay = basesOnDay;
        this.partyLevelRefusal = partyLevelRefusal;
    }

    static DisclosurePolicy refusing(LocalDate day, Party recipient, Agreement agreement, DisclosureDecision.Refused refusal) {
        return new DisclosurePolicy(day, recipient, agreement, List.of(), refusal);
    }

    static DisclosurePolicy permitting(LocalDate day, Party recipient, Agreement agreement, List<LegalBasis> basesOnDay) {
        return new DisclosurePolicy(day, recipient, agreement, basesOnDay, null);
    }

    /**
     * The reason nothing at all may go to this recipient on this day (unknown party, agent without a
     * valid assignment, agreement not active / terminated / ended), or empty when records are to be
     * decided one by one.
     */
    public Optional<DisclosureDecision.Refused> partyLevelRefusal() {
        return Optional.ofNullable(partyLevelRefusal);
    }

    /** The agreement the decisions are made under, when one was found. */
    public Optional<Agreement> agreement() {
        return Optional.ofNullable(agreement);
    }

    public Optional<Party> recipient() {
        return Optional.ofNullable(recipient);
    }

    public LocalDate day() {
        return day;
    }

    /**
     * Decides one record. {@code person} does not change the outcome today; it is part of the
     * question so that per-person rules (e.g. protected identity) have their place.
     */
    public DisclosureDecision decide(String purposeCode, Set<BenefitFamily> benefitFamilies, Personnummer person,
                                     String consentReference, String caseReference) {
        if (partyLevelRefusal != null) {
            return partyLevelRefusal;
        }
        List<LegalBasis> forPurpose = basesOnDay.stream().filter(b -> b.purposeCode().equals(purposeCode)).toList();
        if (forPurpose.isEmpty()) {
            return new DisclosureDecision.Refused(RefusalReason.UNKNOWN_PURPOSE,
                    "purpose '" + purposeCode + "' is not in the legal-basis catalogue on " + day);
        }
        Optional<LegalBasis> basis = forPurpose.stream().filter(b -> b.partyType() == recipient.type()).findFirst();
        if (basis.isEmpty()) {
            return new DisclosureDecision.Refused(RefusalReason.PURPOSE_NOT_FOR_PARTY_TYPE,
                    "no legal basis allows purpose " + purposeCode + " for a " + recipient.type());
        }
        if (!agreement.purposes().contains(purposeCode)) {
            return new DisclosureDecision.Refused(RefusalReason.PURPOSE_NOT_IN_AGREEMENT,
                    "agreement " + agreement.agreementId() + " does not include purpose " + purposeCode);
        }
        if (benefitFamilies == null || benefitFamilies.isEmpty()) {
            return new DisclosureDecision.Refused(RefusalReason.NO_BENEFITS_REQUESTED);
        }
        if (!agreement.benefitFamilies().containsAll(benefitFamilies)) {
            List<String> outside = benefitFamilies.stream().filter(f -> !agreement.benefitFamilies().contains(f))
                    .map(BenefitFamily::code).sorted().toList();
            return new DisclosureDecision.Refused(RefusalReason.BENEFIT_NOT_IN_AGREEMENT,
                    "agreement " + agreement.agreementId() + " does not include benefit families " + outside);
        }
        if (basis.get().consentRequired() && isBlank(consentReference)) {
            return new DisclosureDecision.Refused(RefusalReason.CONSENT_MISSING,
                    "purpose " + purposeCode + " (" + basis.get().statuteReference() + ") requires a consent reference");
        }
        if (basis.get().openCaseRequired() && isBlank(caseReference)) {
            return new DisclosureDecision.Refused(RefusalReason.CASE_REFERENCE_MISSING,
                    "purpose " + purposeCode + " requires the ärendenummer of an open case about the person");
        }
        return new DisclosureDecision.Permitted(basis.get(), agreement.agreementId());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
