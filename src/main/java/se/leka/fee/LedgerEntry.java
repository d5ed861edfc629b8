package se.leka.fee;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of the fee ledger (table {@code fee_ledger}). An ORIGINAL row is written by the first
 * computation of an agreement's period; ADJUSTMENT rows carry the difference when a later run finds
 * other facts. Rows are never changed.
 */
public record LedgerEntry(long ledgerId, String agreementId, String party, LocalDate periodStart, LocalDate periodEnd,
                          FeeComponent component, String modelVersion, int entryNo, String kind, long quantity,
                          BigDecimal unitPrice, Integer daysActive, Integer daysInPeriod, BigDecimal amount, String note,
                          LocalDate runDate, long jobExecutionId) {

    public static final String ORIGINAL = "ORIGINAL";
    public static final String ADJUSTMENT = "ADJUSTMENT";
}
