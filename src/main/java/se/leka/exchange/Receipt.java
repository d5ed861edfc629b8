package se.leka.exchange;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A receipt (kvittens, file type KVIT) for one received file. Its file layout is in
 * {@code jobs/intake/README.md}; {@link Receipts} writes and reads it.
 *
 * @param kind             INTAKE (written by intake for every file) or RECORDS (written by the file's job)
 * @param receivedFileName the name the file was received under
 * @param sha256           hex SHA-256 of the received bytes
 * @param sequenceNumber   the received file's löpnummer; 0 when it could not be read
 * @param status           the verdict on the whole file
 * @param recordsInFile    detail records in the received file (0 when unknown)
 * @param recordsAccepted  detail records accepted
 * @param recordsRejected  detail records rejected
 * @param receivedAt       when LEKA took the file (Swedish local time)
 * @param errors           zero or more error lines
 */
public record Receipt(Kind kind, String receivedFileName, String sha256, long sequenceNumber, ReceiptStatus status,
                      long recordsInFile, long recordsAccepted, long recordsRejected, LocalDateTime receivedAt,
                      List<ReceiptError> errors) {

    /** Which stage wrote the receipt. */
    public enum Kind {
        /** Intake's verdict on the file as a whole; every inbound file gets one. */
        INTAKE,
        /** The job's verdict per record (e.g. the order job's). */
        RECORDS
    }

    public Receipt {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receivedFileName, "receivedFileName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        errors = List.copyOf(errors);
        if (sequenceNumber < 0 || sequenceNumber > 9_999_999) {
            throw new IllegalArgumentException("sequence number must be 0-9999999");
        }
        if (status == ReceiptStatus.REJECTED && errors.isEmpty()) {
            throw new IllegalArgumentException("a rejected file's receipt must say why (at least one error line)");
        }
    }
}
