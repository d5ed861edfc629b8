package se.leka.agreement;

import java.time.Instant;
import java.time.LocalDate;

/** One step of an agreement's lifecycle as recorded: what happened, on which day, and when it was recorded. */
public record AgreementEvent(String agreementId, String event, AgreementStatus fromStatus, AgreementStatus toStatus,
                             LocalDate occurredOn, Instant recordedAt) {
}
