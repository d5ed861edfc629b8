package se.leka.exchange;

import java.time.OffsetDateTime;

/**
 * An outbound file with its delivery state, as operators see it ({@link OutboundFiles}).
 *
 * @param outputKey      what output it is (the idempotency key given to {@link Outboxes#deliver})
 * @param sha256         hex SHA-256 of its bytes, once written
 * @param sizeBytes      its size, once written
 * @param jobExecutionId the job execution that produced it; null for intake receipts
 * @param deliveredAt    when it was renamed into the outbox; null before
 * @param purgedAt       when the retention purge removed it; null before
 */
public record OutboundFileState(long id, Mailbox mailbox, String fileName, String fileType, long sequenceNumber,
                                String outputKey, OutboundFileStatus status, String sha256, Long sizeBytes,
                                Long jobExecutionId, OffsetDateTime createdAt, OffsetDateTime deliveredAt,
                                OffsetDateTime purgedAt) {
}
