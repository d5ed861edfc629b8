package se.leka.order;

/**
 * Error codes of the order job that are its own; refusals of the disclosure decision keep the
 * names of {@code se.leka.agreement.RefusalReason}. Together they are the catalogue in
 * {@code jobs/order-intake/README.md}. Names are stable: partners program against them.
 */
public enum OrderErrorCode {
    // whole file
    UNSUPPORTED_VERSION("the start record's format version is not supported for this file type"),
    END_RECORD_MISSING("the file does not end with an end record (99)"),
    END_RECORD_INVALID("the end record does not follow the layout"),
    RECORD_COUNT_MISMATCH("the end record's record count differs from the number of detail records"),
    AGREEMENT_MISMATCH("the start record names an agreement that is not the party's agreement in force"),
    TOO_MANY_REFUSED("more records were refused than the limit allows; nothing in the file was applied"),
    // one record
    RECORD_UNREADABLE("the line is not a detail record of this file type, or a field does not fit the layout"),
    ACTION_INVALID("action must be N (new watch), A (cancel) or H (full refresh)"),
    PERSONNUMMER_INVALID("personnummer must be twelve digits with a valid date and check digit"),
    PURPOSE_MISSING("purpose code is empty"),
    BENEFIT_FAMILY_UNKNOWN("a benefit family code is not in the catalogue"),
    FROM_DATE_INVALID("from-date must be a real date written yyyy-MM-dd"),
    TO_DATE_INVALID("to-date must be empty or a real date written yyyy-MM-dd, not before the from-date"),
    DUPLICATE_PERSON_IN_FILE("the same person and purpose occur on an earlier line of this file"),
    ALREADY_WATCHED("the person is already watched for this purpose"),
    WATCH_NOT_FOUND("there is no active watch for this person and purpose to cancel or refresh");

    private final String description;

    OrderErrorCode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
