package se.leka.agreement;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;

/**
 * "May {@code recipient} (sending through {@code agent}, if any) receive {@code benefitFamilies}
 * about {@code person} for {@code purposeCode} on {@code onDate}?"
 *
 * @param agent           the ombud sending for the recipient, or null when the recipient sends itself
 * @param agreementId     the agreement the request names, or null to use the recipient's agreement in force
 * @param consentReference the partner's reference to the individual's consent, where the purpose needs it
 * @param caseReference   the ärendenummer of the open case, where the basis needs one
 */
public record DisclosureRequest(OrgNumber recipient, OrgNumber agent, String agreementId, LocalDate onDate,
                                String purposeCode, Set<BenefitFamily> benefitFamilies, Personnummer person,
                                String consentReference, String caseReference) {

    public DisclosureRequest {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(onDate, "onDate");
        benefitFamilies = benefitFamilies == null ? Set.of() : Set.copyOf(benefitFamilies);
    }
}
