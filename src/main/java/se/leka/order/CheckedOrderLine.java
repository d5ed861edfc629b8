package se.leka.order;

import java.time.LocalDate;

/**
 * An order or query line after the checks that need nothing but the line and the disclosure policy: either
 * accepted with its resolved legal basis, or refused with a stable code, the field and a message.
 * Stored as a row of {@code order_line}.
 */
record CheckedOrderLine(long inboundFileId, int lineNumber, String action, String personnummer, String purposeCode,
                        String benefitFamilies, LocalDate fromDate, LocalDate toDate, String consentReference, String caseReference,
                        String partnerReference, String legalBasisId, String errorCode, String errorField,
                        String errorMessage) {

    boolean accepted() {
        return errorCode == null;
    }

    String status() {
        return accepted() ? "ACCEPTED" : "REFUSED";
    }
}
