package se.leka.exchange;

import java.nio.file.Path;
import java.time.OffsetDateTime;

import se.leka.format.FileName;

/**
 * A file LEKA delivered into an outbox (table {@code outbound_file}).
 *
 * @param id             outbound file id
 * @param mailbox        whose outbox
 * @param fileName       its name
 * @param outputKey      what output it is (the idempotency key given to {@link Outboxes#deliver})
 * @param sha256         hex SHA-256 of its bytes
 * @param sizeBytes      its size
 * @param jobExecutionId the job execution that produced it; null for intake receipts
 * @param path           where it was written (local outbox)
 * @param deliveredAt    when it was renamed into the outbox
 */
public record OutboundFile(long id, Mailbox mailbox, FileName fileName, String outputKey, String sha256, long sizeBytes,
                           Long jobExecutionId, Path path, OffsetDateTime deliveredAt) {
}
