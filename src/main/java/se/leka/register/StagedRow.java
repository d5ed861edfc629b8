package se.leka.register;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** A detail record of an extract that passed validation: one row of {@code register_staging}. */
record StagedRow(
        long lineNo,
        String personnummer,
        boolean protectedIdentity,
        String sourceSystem,
        String benefitFamily,
        String benefit,
        String decisionId,
        LocalDate periodFrom,
        LocalDate periodTo,
        BigDecimal extent,
        BigDecimal amount,
        String amountType,
        LocalDate paymentDate,
        BigDecimal paidAmount,
        String status,
        LocalDateTime sourceChangedAt) {

    /** Source system, person, benefit, decision and (for a payment) payment date; see the job card. */
    String factKey() {
        return factKey(sourceSystem, personnummer, benefit, decisionId, paymentDate);
    }

    /** Source system, person, benefit, decision and (for a payment) payment date; see the job card. */
    static String factKey(String sourceSystem, String personnummer, String benefit, String decisionId, LocalDate paymentDate) {
        return sourceSystem + '|' + personnummer + '|' + benefit + '|' + decisionId + '|'
                + (paymentDate == null ? "" : paymentDate.toString());
    }
}
