package se.leka.fee;

import java.time.LocalDate;
import java.util.Objects;

import se.leka.agreement.Agreement;
import se.leka.agreement.DeliveryFrequency;
import se.leka.agreement.PartyType;
import se.leka.format.OrgNumber;

/**
 * What the fee of one agreement depends on.
 *
 * @param activeFrom  first day the agreement permits disclosure (the later signature)
 * @param activeUntil first day it no longer does (the termination's effective date), null while open
 */
record AgreementTerms(String agreementId, OrgNumber party, PartyType partyType, DeliveryFrequency frequency,
                      LocalDate activeFrom, LocalDate activeUntil) {

    AgreementTerms {
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(activeFrom, "activeFrom");
    }

    static AgreementTerms of(Agreement agreement, PartyType partyType) {
        return new AgreementTerms(agreement.agreementId(), agreement.party(), partyType, agreement.deliveryFrequency(),
                agreement.activeFrom(), agreement.terminationEffectiveOn());
    }

    /** Days from {@code from} to {@code to} (both included) on which the agreement was active. */
    int activeDays(LocalDate from, LocalDate to) {
        LocalDate first = activeFrom.isAfter(from) ? activeFrom : from;
        LocalDate last = activeUntil != null && !activeUntil.isAfter(to) ? activeUntil.minusDays(1) : to;
        return last.isBefore(first) ? 0 : (int) java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
    }
}
