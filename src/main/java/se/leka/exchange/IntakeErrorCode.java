package se.leka.exchange;

/**
 * Stable codes intake writes into receipts when it refuses a file. Part of the file contract:
 * every code is documented in {@code jobs/intake/README.md}; never rename one.
 */
public enum IntakeErrorCode {
    FILE_NAME_INVALID(InboundFileStatus.QUARANTINED),
    ENCODING_INVALID(InboundFileStatus.QUARANTINED),
    START_RECORD_INVALID(InboundFileStatus.QUARANTINED),
    END_RECORD_INVALID(InboundFileStatus.QUARANTINED),
    RECORD_COUNT_MISMATCH(InboundFileStatus.QUARANTINED),
    NAME_START_RECORD_MISMATCH(InboundFileStatus.QUARANTINED),
    SENDER_UNKNOWN(InboundFileStatus.QUARANTINED),
    SENDER_NOT_AUTHORISED(InboundFileStatus.QUARANTINED),
    FILE_TYPE_NOT_ALLOWED(InboundFileStatus.QUARANTINED),
    AGREEMENT_NOT_ACTIVE(InboundFileStatus.REJECTED),
    DUPLICATE_FILE(InboundFileStatus.DUPLICATE),
    DUPLICATE_SEQUENCE(InboundFileStatus.REJECTED),
    SEQUENCE_GAP(InboundFileStatus.REJECTED);

    private final InboundFileStatus outcome;

    IntakeErrorCode(InboundFileStatus outcome) {
        this.outcome = outcome;
    }

    /** Where a file refused with this code ends: QUARANTINED, REJECTED or DUPLICATE. */
    public InboundFileStatus outcome() {
        return outcome;
    }
}
