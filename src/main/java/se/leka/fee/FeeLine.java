package se.leka.fee;

import java.math.BigDecimal;

/**
 * One computed fee component of an agreement for a period, priced by one model.
 *
 * @param quantity     records or questions; 1 for the fixed fee
 * @param unitPrice    price per record or question; for the fixed fee the fee of a full period
 * @param daysActive   fixed fee only: days the agreement was active in the part of the period the model covers
 * @param daysInPeriod fixed fee only: days of the model's period (the proration divisor)
 * @param amount       SEK, rounded to öre (HALF_UP)
 * @param note         e.g. why the price is zero
 */
record FeeLine(FeeComponent component, String modelVersion, long quantity, BigDecimal unitPrice, Integer daysActive,
               Integer daysInPeriod, BigDecimal amount, String note) {
}
