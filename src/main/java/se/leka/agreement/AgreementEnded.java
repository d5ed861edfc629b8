package se.leka.agreement;

import java.time.LocalDate;

import se.leka.format.OrgNumber;

/**
 * Published by the {@code agreement-expiry} job once an agreement has ended: rooms that hold things
 * for the party under it end them (the order room its watches, the exchange room the party's SFTP
 * login). Listeners must be idempotent: after a crash the job publishes the event again.
 *
 * @param endedOn the first day without the agreement (the termination's effective date)
 */
public record AgreementEnded(String agreementId, OrgNumber party, LocalDate endedOn, long jobExecutionId) {
}
