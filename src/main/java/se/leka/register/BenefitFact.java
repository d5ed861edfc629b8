package se.leka.register;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import se.leka.format.Benefit;
import se.leka.format.Personnummer;

/**
 * One benefit fact about a person as the register holds it (one version of it, for history
 * queries). A fact is identified by {@link #factKey()}: source system, person, benefit, decision id
 * and — for a payment — payment date.
 *
 * @param extent        omfattning in percent (100, 75, 50, 25, 12.5), null where it does not apply
 * @param paymentDate   set for a payment (utbetalning), null for a decision
 * @param paidAmount    set for a payment, null for a decision
 * @param sourceChangedAt when the source system changed the fact (its own clock, Swedish local time)
 * @param recordedAt    when LEKA learnt this version (the merge of {@link #extractId()})
 */
public record BenefitFact(
        String factKey,
        Personnummer personnummer,
        boolean protectedIdentity,
        String sourceSystem,
        Benefit benefit,
        String decisionId,
        LocalDate periodFrom,
        LocalDate periodTo,
        BigDecimal extent,
        BigDecimal amount,
        AmountType amountType,
        LocalDate paymentDate,
        BigDecimal paidAmount,
        FactStatus status,
        LocalDateTime sourceChangedAt,
        String extractId,
        Instant recordedAt) {

    public boolean isPayment() {
        return paymentDate != null;
    }
}
