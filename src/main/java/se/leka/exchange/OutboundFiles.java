package se.leka.exchange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.format.FileType;
import se.leka.format.OrgNumber;

/**
 * Operators' view of what LEKA delivered: outbound files with their delivery state, filtered and
 * paged, and the receipts of an inbound file. Read-only; {@link Outboxes} writes.
 */
@Service
public class OutboundFiles {

    private final JdbcClient jdbc;
    private final ExchangeDirectories directories;

    OutboundFiles(JdbcClient jdbc, ExchangeDirectories directories) {
        this.jdbc = jdbc;
        this.directories = directories;
    }

    /**
     * Outbound files, newest first. Every filter may be null: {@code party} matches the party, the
     * login (an agent) or the principal; {@code fileName} is a part of the name; {@code from} and
     * {@code to} are Swedish days of creation, both included.
     */
    @Transactional(readOnly = true)
    public FilePage<OutboundFileState> search(OutboundFileStatus status, OrgNumber party, FileType fileType, String fileName,
                                              LocalDate from, LocalDate to, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            where.append(" AND status = ?");
            params.add(status.name());
        }
        if (party != null) {
            where.append(" AND (party = ? OR login = ? OR mailbox_principal = ?)");
            params.add(party.value());
            params.add(party.value());
            params.add(party.value());
        }
        if (fileType != null) {
            where.append(" AND file_type = ?");
            params.add(fileType.code());
        }
        if (fileName != null && !fileName.isBlank()) {
            where.append(" AND file_name LIKE ?");
            params.add("%" + fileName.strip().replace("%", "").replace("_", "\\_") + "%");
        }
        if (from != null) {
            where.append(" AND created_at >= ?");
            params.add(startOf(from));
        }
        if (to != null) {
            where.append(" AND created_at < ?");
            params.add(startOf(to.plusDays(1)));
        }
        int p = FilePage.page(page);
        int n = FilePage.size(size);
        long total = jdbc.sql("SELECT COUNT(*) FROM outbound_file" + where).params(params).query(Long.class).single();
        List<OutboundFileState> rows = jdbc.sql("SELECT * FROM outbound_file" + where
                        + " ORDER BY outbound_file_id DESC LIMIT " + n + " OFFSET " + ((long) p * n))
                .params(params).query(OutboundFiles::row).list();
        return new FilePage<>(rows, total, p, n);
    }

    @Transactional(readOnly = true)
    public Optional<OutboundFileState> find(long id) {
        return jdbc.sql("SELECT * FROM outbound_file WHERE outbound_file_id = ?").param(id).query(OutboundFiles::row).optional();
    }

    /** The receipts (kvittenser) of an inbound file: intake's, and the job's record-level one when it exists. */
    @Transactional(readOnly = true)
    public List<OutboundFileState> receiptsOf(long inboundFileId) {
        return jdbc.sql("SELECT * FROM outbound_file WHERE file_type = ? AND output_key IN (?, ?) ORDER BY outbound_file_id")
                .params(FileType.KVIT.code(), Receipts.outputKey(inboundFileId, Receipt.Kind.INTAKE),
                        Receipts.outputKey(inboundFileId, Receipt.Kind.RECORDS))
                .query(OutboundFiles::row).list();
    }

    /**
     * Where the delivered file's bytes are, while they are still in LEKA's (local) outbox: empty
     * once the partner removed it after fetching, or the retention purge did.
     */
    public Optional<Path> stored(OutboundFileState file) {
        if (file.status() != OutboundFileStatus.DELIVERED) {
            return Optional.empty();
        }
        Path path = directories.outbox(file.mailbox()).resolve(file.fileName());
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(ExchangeTime.SWEDEN).toOffsetDateTime();
    }

    private static OutboundFileState row(ResultSet rs, int n) throws SQLException {
        String principal = rs.getString("mailbox_principal");
        Mailbox mailbox = new Mailbox(OrgNumber.parse(rs.getString("login")), principal == null ? null : OrgNumber.parse(principal));
        return new OutboundFileState(rs.getLong("outbound_file_id"), mailbox, rs.getString("file_name"), rs.getString("file_type"),
                rs.getLong("sequence_number"), rs.getString("output_key"), OutboundFileStatus.valueOf(rs.getString("status")),
                rs.getString("sha256"), longOrNull(rs, "size_bytes"), longOrNull(rs, "job_execution_id"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("delivered_at", OffsetDateTime.class),
                rs.getObject("purged_at", OffsetDateTime.class));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
