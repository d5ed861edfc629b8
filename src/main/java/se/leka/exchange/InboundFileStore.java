package se.leka.exchange;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.leka.format.OrgNumber;

/** Table {@code inbound_file}. */
@Component
class InboundFileStore {

    static final List<String> ACCEPTED = List.of("ACCEPTED", "AWAITING_JOB", "ROUTED");

    private final JdbcClient jdbc;

    InboundFileStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertReceived(String fileName, long size, String sha256, Mailbox mailbox, OffsetDateTime receivedAt,
                        Path source, Long reprocessOf) {
        jdbc.sql("""
                INSERT INTO inbound_file (file_name, size_bytes, sha256, login, mailbox_principal, received_at, status,
                                          source_path, stored_path, reprocess_of)
                VALUES (?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?)""")
                .params(fileName, size, sha256, mailbox.login().value(), principal(mailbox), receivedAt,
                        source.toString(), source.toString(), reprocessOf)
                .update();
        return jdbc.sql("SELECT MAX(inbound_file_id) FROM inbound_file WHERE source_path = ? AND status = 'RECEIVED'")
                .param(source.toString()).query(Long.class).single();
    }

    void storedAt(long id, Path stored) {
        jdbc.sql("UPDATE inbound_file SET stored_path = ? WHERE inbound_file_id = ?").params(stored.toString(), id).update();
    }

    void decided(long id, Intake.Verdict v, Path stored) {
        jdbc.sql("""
                UPDATE inbound_file SET status = ?, party = ?, file_type = ?, sequence_number = ?, accepted_sequence = ?,
                       record_count = ?, error_code = ?, error_line = ?, error_field = ?, error_message = ?, stored_path = ?
                WHERE inbound_file_id = ? AND status = 'RECEIVED'""")
                .params(v.status().name(), v.party(), v.fileType(), v.sequenceNumber(),
                        v.status() == InboundFileStatus.ACCEPTED ? v.sequenceNumber() : null, v.recordCount(),
                        v.code() == null ? null : v.code().name(), v.code() == null ? null : v.line(), v.field(), v.message(), stored.toString(), id)
                .update();
    }

    void status(long id, InboundFileStatus status, Long jobExecutionId) {
        jdbc.sql("UPDATE inbound_file SET status = ?, job_execution_id = COALESCE(?, job_execution_id) WHERE inbound_file_id = ?")
                .params(status.name(), jobExecutionId, id).update();
    }

    void receipt(long id, long outboundFileId) {
        jdbc.sql("UPDATE inbound_file SET receipt_file_id = ? WHERE inbound_file_id = ?").params(outboundFileId, id).update();
    }

    /** An earlier accepted file from the same login with the same bytes. */
    Optional<Long> acceptedWithChecksum(String sha256, OrgNumber login, long exceptId) {
        return jdbc.sql("""
                SELECT MIN(inbound_file_id) FROM inbound_file
                WHERE sha256 = ? AND login = ? AND inbound_file_id <> ? AND status IN ('ACCEPTED', 'AWAITING_JOB', 'ROUTED')""")
                .params(sha256, login.value(), exceptId).query(Long.class).optional();
    }

    long lastAcceptedSequence(OrgNumber party, String fileType) {
        return jdbc.sql("SELECT COALESCE(MAX(accepted_sequence), 0) FROM inbound_file WHERE party = ? AND file_type = ?")
                .params(party.value(), fileType).query(Long.class).single();
    }

    Optional<InboundFile> find(long id) {
        return jdbc.sql("SELECT * FROM inbound_file WHERE inbound_file_id = ?").param(id).query(InboundFileStore::row).optional();
    }

    List<InboundFile> withStatus(InboundFileStatus status) {
        return jdbc.sql("SELECT * FROM inbound_file WHERE status = ? ORDER BY inbound_file_id").param(status.name())
                .query(InboundFileStore::row).list();
    }

    /** See {@link InboundFiles#search}. */
    FilePage<InboundFile> search(java.util.Collection<InboundFileStatus> statuses, OrgNumber party, String fileName,
                                 OffsetDateTime from, OffsetDateTime before, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        java.util.List<Object> params = new java.util.ArrayList<>();
        if (statuses != null && !statuses.isEmpty()) {
            where.append(" AND status IN (").append(String.join(", ", java.util.Collections.nCopies(statuses.size(), "?"))).append(")");
            statuses.forEach(s -> params.add(s.name()));
        }
        if (party != null) {
            where.append(" AND (party = ? OR login = ? OR mailbox_principal = ?)");
            params.add(party.value());
            params.add(party.value());
            params.add(party.value());
        }
        if (fileName != null && !fileName.isBlank()) {
            where.append(" AND file_name LIKE ?");
            params.add("%" + fileName.strip().replace("%", "").replace("_", "\\_") + "%");
        }
        if (from != null) {
            where.append(" AND received_at >= ?");
            params.add(from);
        }
        if (before != null) {
            where.append(" AND received_at < ?");
            params.add(before);
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM inbound_file" + where).params(params).query(Long.class).single();
        List<InboundFile> rows = jdbc.sql("SELECT * FROM inbound_file" + where + " ORDER BY inbound_file_id DESC LIMIT " + size
                        + " OFFSET " + ((long) page * size))
                .params(params).query(InboundFileStore::row).list();
        return new FilePage<>(rows, total, page, size);
    }

    /** The inbound file that reprocessed this one, if any. */
    Optional<Long> reprocessedAs(long id) {
        return jdbc.sql("SELECT MAX(inbound_file_id) FROM inbound_file WHERE reprocess_of = ?").param(id).query(Long.class).optional();
    }

    /** Rows intake has not finished with: not decided, receipt not written, or not handed to a job. */
    List<Long> unfinished() {
        return jdbc.sql("""
                SELECT inbound_file_id FROM inbound_file
                WHERE status IN ('RECEIVED', 'ACCEPTED', 'AWAITING_JOB') OR (receipt_file_id IS NULL AND status <> 'REPROCESSED')
                ORDER BY inbound_file_id""").query(Long.class).list();
    }

    List<String> sourcesInProgress() {
        return jdbc.sql("SELECT source_path FROM inbound_file WHERE status = 'RECEIVED'").query(String.class).list();
    }

    String sourcePath(long id) {
        return jdbc.sql("SELECT source_path FROM inbound_file WHERE inbound_file_id = ?").param(id).query(String.class).single();
    }

    private static String principal(Mailbox mailbox) {
        return mailbox.principal() == null ? null : mailbox.principal().value();
    }

    private static InboundFile row(ResultSet rs, int n) throws SQLException {
        String principal = rs.getString("mailbox_principal");
        Mailbox mailbox = new Mailbox(OrgNumber.parse(rs.getString("login")), principal == null ? null : OrgNumber.parse(principal));
        return new InboundFile(rs.getLong("inbound_file_id"), rs.getString("file_name"), rs.getLong("size_bytes"),
                rs.getString("sha256"), mailbox, InboundFileStatus.valueOf(rs.getString("status")), rs.getString("file_type"),
                longOrNull(rs, "sequence_number"), longOrNull(rs, "record_count"), rs.getString("error_code"),
                longOrNull(rs, "error_line"), rs.getString("error_field"), rs.getString("error_message"), Path.of(rs.getString("stored_path")),
                rs.getObject("received_at", OffsetDateTime.class), longOrNull(rs, "reprocess_of"),
                longOrNull(rs, "receipt_file_id"), longOrNull(rs, "job_execution_id"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
