package se.leka.exchange;

import java.nio.file.Path;
import java.time.OffsetDateTime;

import se.leka.format.FileName;
import se.leka.format.StartRecord;

/**
 * A file that passed intake, as handed to the job for its type ({@link InboundFileRoute}).
 *
 * @param id          inbound file id (table {@code inbound_file}): with {@code sha256}, the job's identifying parameters
 * @param sha256      hex SHA-256 of the file's bytes
 * @param path        the archived original; read it, never move or change it
 * @param fileName    the parsed file name
 * @param startRecord the parsed start record
 * @param recordCount detail records between the start and end records
 * @param mailbox     where the file came in, and so where its receipt and answers go
 * @param receivedAt  when intake took the file
 */
public record AcceptedInboundFile(long id, String sha256, Path path, FileName fileName, StartRecord startRecord,
                                  long recordCount, Mailbox mailbox, OffsetDateTime receivedAt) {
}
