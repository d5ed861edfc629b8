package se.leka.agreement;

import java.time.LocalDate;

import se.leka.format.OrgNumber;

/**
 * Published when a termination (uppsägning) is registered: from {@code effectiveOn} the agreement
 * permits nothing. The exchange room tells the partner while it can still fetch files.
 */
public record AgreementTerminationNotified(String agreementId, OrgNumber party, LocalDate receivedOn, LocalDate effectiveOn) {
}
