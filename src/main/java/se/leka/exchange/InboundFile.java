package se.leka.exchange;

import java.nio.file.Path;
import java.time.OffsetDateTime;

/**
 * One row of {@code inbound_file}: a file taken from an inbox and what became of it.
 *
 * @param errorCode    the {@link IntakeErrorCode} name when refused, else null
 * @param errorLine    the line of the file the error is about (1 = start record), 0 for the file as a whole
 * @param storedPath   where its original bytes are (archive or quarantine)
 * @param reprocessOf  the inbound file this one reprocesses, or null
 */
public record InboundFile(long id, String fileName, long sizeBytes, String sha256, Mailbox mailbox,
                          InboundFileStatus status, String fileType, Long sequenceNumber, Long recordCount,
                          String errorCode, Long errorLine, String errorField, String errorMessage, Path storedPath,
                          OffsetDateTime receivedAt, Long reprocessOf, Long receiptFileId, Long jobExecutionId) {
}
