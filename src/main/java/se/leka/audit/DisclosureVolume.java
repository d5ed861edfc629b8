package se.leka.audit;

import java.time.LocalDate;

/**
 * How many person-records went out under one agreement on one day, read from the disclosure log
 * for the fee job.
 *
 * @param delivered person-records in deliveries (every file but query answers)
 * @param answered  person-records in query answers: files whose name has {@code _SVAR_}
 */
public record DisclosureVolume(String agreementId, String recipientOrg, LocalDate day, long delivered, long answered) {
}
