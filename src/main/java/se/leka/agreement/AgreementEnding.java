package se.leka.agreement;

import java.time.LocalDate;

import se.leka.format.OrgNumber;

/**
 * Published by the {@code agreement-expiry} job on the agreement's last day of access (or, when that
 * run was missed, on the first run after it): the moment for the final notice to the partner.
 *
 * @param lastDayOfAccess the day before {@code effectiveOn}
 */
public record AgreementEnding(String agreementId, OrgNumber party, LocalDate lastDayOfAccess, LocalDate effectiveOn,
                              long jobExecutionId) {
}
