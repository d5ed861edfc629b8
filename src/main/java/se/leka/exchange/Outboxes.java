package se.leka.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;

/**
 * Delivers output files into outboxes, atomically and once.
 *
 * <p>{@link #deliver} is idempotent on (party, file type, output key): the first call records the
 * file ({@code outbound_file}, status WRITING) with LEKA's next outbound sequence number for that
 * party and type, writes {@code <name>.part} (its checksum computed from the bytes as they are
 * written, not by reading the file again), records the checksum (WRITTEN), renames it into the
 * outbox with an atomic move and marks it DELIVERED. A later call with the same key — a restarted
 * job — finds the row and finishes what was left (rewrite, rename) or, when it was delivered,
 * returns it untouched: never a second copy. {@link #deliverFile} does the same for a file a job
 * wrote whole: it is moved to {@code <name>.part} instead of written, and its checksum read there.
 */
@Service
public class Outboxes {

    private static final Logger log = LoggerFactory.getLogger(Outboxes.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ExchangeDirectories directories;
    private final ExchangeTime time;
    private final OutboxTransport transport;

    Outboxes(JdbcClient jdbc, TransactionTemplate tx, ExchangeDirectories directories, ExchangeTime time,
             OutboxTransport transport) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.directories = directories;
        this.time = time;
        this.transport = transport;
    }

    /**
     * Delivers one output into the mailbox's outbox, unless the same output was delivered before.
     *
     * @param mailbox        whose outbox (the party's own, or an agent's subtree for that principal)
     * @param fileType       an outbound file type (KVIT, LEVE, SVAR, AVGI, MEDD)
     * @param outputKey      what this output is, stable across restarts: e.g. the job's business key plus the
     *                       kind of output ({@code "order:42:LEVE"}); unique per party and file type
     * @param jobExecutionId the job execution producing it (null when not produced by a job)
     * @param content        writes the bytes; called again after a crash before the file was complete
     */
    public OutboundFile deliver(Mailbox mailbox, FileType fileType, String outputKey, Long jobExecutionId,
                                OutboundContent content) {
        return writeAndPublish(mailbox, fileType, outputKey, jobExecutionId,
                (name, part) -> Checksums.write(part, out -> content.writeTo(name, out)));
    }

    /**
     * As {@link #deliver(Mailbox, FileType, String, Long, OutboundContent)}, for an output a job has
     * already written whole into {@code complete} — a file on the data directory's file system, not
     * yet visible to anyone: it is moved into the outbox rather than copied (a million-person
     * delivery is half a gigabyte, and writing it a second time was most of its publishing), and
     * its checksum is read from it there. A restart after the move finds it in the outbox and goes on.
     */
    public OutboundFile deliverFile(Mailbox mailbox, FileType fileType, String outputKey, Long jobExecutionId, Path complete) {
        return writeAndPublish(mailbox, fileType, outputKey, jobExecutionId, (name, part) -> {
            if (Files.exists(complete)) {
                try {
                    Files.move(complete, part, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    // Another file system: copied, still under the part name that no partner sees.
                    Files.move(complete, part, StandardCopyOption.REPLACE_EXISTING);
                }
            } else if (!Files.exists(part)) {
                throw new IllegalStateException(complete + " is missing and was not moved into the outbox: the job that writes it"
                        + " must write it again (for an order job: abandon it, ops/order-intake.md)");
            }
            return Checksums.sha256(part);
        });
    }

    /** Writes the part file of an output (under its reserved name) and returns its SHA-256. */
    @FunctionalInterface
    private interface PartWriter {
        String write(FileName name, Path part) throws IOException;
    }

    private OutboundFile writeAndPublish(Mailbox mailbox, FileType fileType, String outputKey, Long jobExecutionId,
                                         PartWriter writer) {
        if (fileType.direction() != FileType.Direction.OUTBOUND) {
            throw new IllegalArgumentException(fileType + " is not an outbound file type");
        }
        if (outputKey == null || outputKey.isBlank() || outputKey.length() > 200) {
            throw new IllegalArgumentException("output key must be 1-200 characters");
        }
        Row row = findOrCreate(mailbox, fileType, outputKey, jobExecutionId);
        if (row.status.equals("DELIVERED") || row.status.equals("PURGED")) {
            log.debug("Outbound file {} ({}) was delivered before; not written again", row.id, row.fileName);
            return toOutboundFile(row);
        }
        Path outbox = directories.outbox(row.mailbox);
        Path target = outbox.resolve(row.fileName.toString());
        Path part = outbox.resolve(row.fileName + FileName.UPLOAD_SUFFIX);
        try {
            if (row.status.equals("WRITING")) {
                String sha256 = writer.write(row.fileName, part);
                long size = Files.size(part);
                jdbc.sql("UPDATE outbound_file SET status = 'WRITTEN', sha256 = ?, size_bytes = ? WHERE outbound_file_id = ?")
                        .params(sha256, size, row.id).update();
            }
            if (Files.exists(part)) {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            // Neither part nor target: renamed before a crash and already fetched by the partner.
            if (Files.exists(target)) {
                transport.publish(row.mailbox, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deliver " + row.fileName + " into " + row.mailbox + "/outbox", e);
        }
        jdbc.sql("UPDATE outbound_file SET status = 'DELIVERED', delivered_at = ? WHERE outbound_file_id = ?")
                .params(time.now(), row.id).update();
        log.info("Delivered {} into {}/outbox (outbound file {}, key {})", row.fileName, row.mailbox, row.id, outputKey);
        return toOutboundFile(find(row.id).orElseThrow());
    }

    /**
     * Reserves the outbound file for an output before its content exists — its name, and so its
     * sequence number, are fixed from then on — so that a job can record what it is about to
     * deliver (e.g. disclosure-log rows naming the file) in the same transactions that write the
     * content. Idempotent like {@link #deliver}: a restarted job gets the same name back; a later
     * {@code deliver} with the same key writes and publishes the reserved file. Call it outside
     * the job's chunk transactions.
     */
    public OutboundFile reserve(Mailbox mailbox, FileType fileType, String outputKey, Long jobExecutionId) {
        if (fileType.direction() != FileType.Direction.OUTBOUND) {
            throw new IllegalArgumentException(fileType + " is not an outbound file type");
        }
        return toOutboundFile(findOrCreate(mailbox, fileType, outputKey, jobExecutionId));
    }

    /** A delivered (or pending) output by its key. */
    public Optional<OutboundFile> find(OrgNumber party, FileType fileType, String outputKey) {
        return findRow(party, fileType, outputKey).map(this::toOutboundFile);
    }

    private Row findOrCreate(Mailbox mailbox, FileType fileType, String outputKey, Long jobExecutionId) {
        for (int attempt = 0; ; attempt++) {
            Optional<Row> existing = findRow(mailbox.party(), fileType, outputKey);
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                Long id = tx.execute(status -> insert(mailbox, fileType, outputKey, jobExecutionId));
                return find(id).orElseThrow();
            } catch (DuplicateKeyException e) {
                if (attempt >= 10) {
                    throw e;
                }
                // Another delivery took the same key or the same sequence number: look again.
            }
        }
    }

    private Long insert(Mailbox mailbox, FileType fileType, String outputKey, Long jobExecutionId) {
        OrgNumber party = mailbox.party();
        long sequence = jdbc.sql("SELECT COALESCE(MAX(sequence_number), 0) + 1 FROM outbound_file WHERE party = ? AND file_type = ?")
                .params(party.value(), fileType.code()).query(Long.class).single();
        FileName name = new FileName(party, fileType, time.today(), sequence);
        OffsetDateTime now = time.now();
        jdbc.sql("""
                INSERT INTO outbound_file (login, mailbox_principal, party, file_type, sequence_number, file_name,
                                           output_key, job_execution_id, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'WRITING', ?)""")
                .params(mailbox.login().value(), mailbox.principal() == null ? null : mailbox.principal().value(),
                        party.value(), fileType.code(), sequence, name.toString(), outputKey, jobExecutionId, now)
                .update();
        return jdbc.sql("SELECT outbound_file_id FROM outbound_file WHERE party = ? AND file_type = ? AND output_key = ?")
                .params(party.value(), fileType.code(), outputKey).query(Long.class).single();
    }

    private Optional<Row> findRow(OrgNumber party, FileType fileType, String outputKey) {
        return jdbc.sql("SELECT * FROM outbound_file WHERE party = ? AND file_type = ? AND output_key = ?")
                .params(party.value(), fileType.code(), outputKey).query(this::row).optional();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT * FROM outbound_file WHERE outbound_file_id = ?").param(id).query(this::row).optional();
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        String principal = rs.getString("mailbox_principal");
        Mailbox mailbox = new Mailbox(OrgNumber.parse(rs.getString("login")), principal == null ? null : OrgNumber.parse(principal));
        long jobExecution = rs.getLong("job_execution_id");
        Long jobExecutionId = rs.wasNull() ? null : jobExecution;
        return new Row(rs.getLong("outbound_file_id"), mailbox, FileName.parse(rs.getString("file_name")),
                rs.getString("output_key"), rs.getString("status"), rs.getString("sha256"), rs.getLong("size_bytes"),
                jobExecutionId, rs.getObject("delivered_at", OffsetDateTime.class));
    }

    record Row(long id, Mailbox mailbox, FileName fileName, String outputKey, String status, String sha256, long sizeBytes,
               Long jobExecutionId, OffsetDateTime deliveredAt) {
    }

    private OutboundFile toOutboundFile(Row row) {
        return new OutboundFile(row.id, row.mailbox, row.fileName, row.outputKey, row.sha256, row.sizeBytes,
                row.jobExecutionId, directories.outbox(row.mailbox).resolve(row.fileName.toString()), row.deliveredAt);
    }
}
