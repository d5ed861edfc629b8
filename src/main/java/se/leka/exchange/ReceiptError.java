package se.leka.exchange;

import java.util.Objects;

/**
 * One error line of a receipt.
 *
 * @param lineNumber line of the received file the error is about (1 = the start record); 0 for the file as a whole
 * @param field      the field that is wrong, as the job card names it (e.g. {@code sequenceNumber}); may be empty
 * @param code       stable error code, e.g. {@link IntakeErrorCode#SEQUENCE_GAP}'s name
 * @param message    human-readable explanation (ISO-8859-1, cut to fit)
 */
public record ReceiptError(long lineNumber, String field, String code, String message) {

    public ReceiptError {
        if (lineNumber < 0) {
            throw new IllegalArgumentException("line number must be 0 or more");
        }
        field = field == null ? "" : field;
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }

    public static ReceiptError ofFile(IntakeErrorCode code, String field, String message) {
        return new ReceiptError(0, field, code.name(), message);
    }
}
