package se.leka.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import se.leka.format.Benefit;
import se.leka.format.Personnummer;

/**
 * One entry of the register's change log. {@link #sequence()} increases monotonically; a consumer
 * keeps the last sequence it has processed as its watermark and asks for the entries after it.
 *
 * @param changedFields for CHANGED (and ENDED / WITHDRAWN of a known fact): the names of the fields
 *                      that differ from the previous version, e.g. {@code [amount, status]}; empty
 *                      for NEW
 */
public record ChangeLogEntry(
        long sequence,
        String factKey,
        Personnummer personnummer,
        String sourceSystem,
        Benefit benefit,
        String decisionId,
        LocalDate paymentDate,
        ChangeKind kind,
        List<String> changedFields,
        String extractId,
        Instant recordedAt) {
}
