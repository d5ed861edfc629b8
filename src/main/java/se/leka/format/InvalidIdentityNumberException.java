package se.leka.format;

/**
 * A personnummer or organisationsnummer that cannot be accepted. The message never repeats the
 * rejected number in full (it may be a real person's), only why it was refused; {@link #reason()}
 * is a stable code that receipts and error reports can carry.
 */
public class InvalidIdentityNumberException extends IllegalArgumentException {

    /** Why a number was refused; the names are stable and appear in receipts. */
    public enum Reason {
        BLANK, WRONG_LENGTH, NOT_DIGITS, BAD_SEPARATOR, INVALID_DATE, FUTURE_DATE, CHECK_DIGIT, NOT_AN_ORGANISATION
    }

    private final Reason reason;

    InvalidIdentityNumberException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
