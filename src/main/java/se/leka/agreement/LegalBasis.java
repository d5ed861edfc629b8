package se.leka.agreement;

import java.time.LocalDate;

/**
 * One row of the legal-basis catalogue: for a purpose and a party type, the statute that makes a
 * disclosure lawful and what the statute requires of each request. {@code validTo} is the last day
 * the basis applies (null: until further notice).
 */
public record LegalBasis(String id, String purposeCode, String purposeName, PartyType partyType,
                         String statuteReference, boolean consentRequired, boolean openCaseRequired,
                         LocalDate validFrom, LocalDate validTo) {

    public boolean isValidOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }
}
