package se.leka.order;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import se.leka.format.CopyRows;
import se.leka.format.StartRecord;

/** The order room's bookkeeping of files and their lines ({@code order_file}, {@code order_line}). */
@Repository
class OrderFiles {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    OrderFiles(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** The verdict on a file so far; {@code status} CHECKING while its lines are being checked. */
    record OrderFile(long inboundFileId, String fileName, String fileType, Long sequenceNumber, String partyOrg,
                     String agentOrg, String agreementId, LocalDate fileDate, Long declaredCount, Long lineCount,
                     Long acceptedCount, Long refusedCount, String status, String errorCode, String errorField,
                     String errorMessage) {

        boolean rejected() {
            return "REJECTED".equals(status);
        }
    }

    /** Records (or, on a restart, records again) what the envelope says; replaces an earlier row for the file. */
    void start(long inboundFileId, String fileName, StartRecord start, long declaredCount, String agreementId) {
        jdbc.sql("DELETE FROM order_file WHERE inbound_file_id = ?").param(inboundFileId).update();
        jdbc.sql("""
                INSERT INTO order_file (inbound_file_id, file_name, file_type, sequence_number, party_org, agent_org,
                                        agreement_id, file_date, declared_count, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CHECKING')""")
                .params(inboundFileId, fileName, start.fileType().code(), start.sequenceNumber(), start.party().value(),
                        start.sentByAgent() ? start.sender().value() : null, agreementId,
                        Date.valueOf(start.created().toLocalDate()), declaredCount)
                .update();
    }

    /** A file rejected before its start record could be trusted, or whose envelope is wrong. */
    void rejectUnread(long inboundFileId, String fileName, String fileType, String code, String field, String message) {
        jdbc.sql("DELETE FROM order_file WHERE inbound_file_id = ?").param(inboundFileId).update();
        jdbc.sql("""
                INSERT INTO order_file (inbound_file_id, file_name, file_type, status, error_code, error_field, error_message)
                VALUES (?, ?, ?, 'REJECTED', ?, ?, ?)""")
                .params(inboundFileId, fileName, fileType, code, field, message).update();
    }

    void reject(long inboundFileId, String code, String field, String message) {
        jdbc.sql("UPDATE order_file SET status = 'REJECTED', error_code = ?, error_field = ?, error_message = ? WHERE inbound_file_id = ?")
                .params(code, field, message, inboundFileId).update();
    }

    void conclude(long inboundFileId, long lines, long accepted, long refused, String status) {
        jdbc.sql("UPDATE order_file SET line_count = ?, accepted_count = ?, refused_count = ?, status = ? WHERE inbound_file_id = ?")
                .params(lines, accepted, refused, status, inboundFileId).update();
    }

    /**
     * Holds the party's notifications back from register position {@code changesAfterSequence} on,
     * until {@link #releaseHold} (see {@link Watches#pending()}); a second call — a restarted step —
     * keeps the first position. Returns the position in force.
     */
    long hold(long inboundFileId, long changesAfterSequence, long jobExecutionId) {
        jdbc.sql("UPDATE order_file SET changes_after_seq = ?, notifications_held = TRUE, held_by_job_execution_id = ? "
                        + "WHERE inbound_file_id = ? AND changes_after_seq IS NULL")
                .params(changesAfterSequence, jobExecutionId, inboundFileId).update();
        return changesAfterSequence(inboundFileId);
    }

    /** The register position the file's new watches' changes begin after, set by {@link #hold}. */
    long changesAfterSequence(long inboundFileId) {
        Long position = jdbc.sql("SELECT changes_after_seq FROM order_file WHERE inbound_file_id = ?").param(inboundFileId)
                .query((rs, row) -> rs.getObject(1, Long.class)).optional().orElse(null);
        if (position == null) {
            throw new IllegalStateException("order file " + inboundFileId + " holds no register position");
        }
        return position;
    }

    /** Releases the hold; false when there was none to release (apply committed before). */
    boolean releaseHold(long inboundFileId) {
        return jdbc.sql("UPDATE order_file SET notifications_held = FALSE WHERE inbound_file_id = ? AND notifications_held = TRUE")
                .param(inboundFileId).update() == 1;
    }

    Optional<OrderFile> find(long inboundFileId) {
        return jdbc.sql("SELECT * FROM order_file WHERE inbound_file_id = ?").param(inboundFileId)
                .query((rs, row) -> new OrderFile(rs.getLong("inbound_file_id"), rs.getString("file_name"),
                        rs.getString("file_type"), (Long) rs.getObject("sequence_number", Long.class),
                        rs.getString("party_org"), rs.getString("agent_org"), rs.getString("agreement_id"),
                        rs.getDate("file_date") == null ? null : rs.getDate("file_date").toLocalDate(),
                        rs.getObject("declared_count", Long.class), rs.getObject("line_count", Long.class),
                        rs.getObject("accepted_count", Long.class), rs.getObject("refused_count", Long.class),
                        rs.getString("status"), rs.getString("error_code"), rs.getString("error_field"),
                        rs.getString("error_message")))
                .optional();
    }

    private static final String LINE_COLUMNS = "inbound_file_id, line_number, action, personnummer, purpose_code, "
            + "benefit_families, from_date, to_date, consent_reference, case_reference, partner_reference, legal_basis_id, "
            + "status, error_code, error_field, error_message";

    /**
     * Stores a chunk of checked lines in the caller's transaction: with {@code COPY} on PostgreSQL
     * (a million-line file would otherwise cost a million INSERTs), with batched INSERTs elsewhere.
     */
    void insertLines(List<? extends CheckedOrderLine> lines) {
        insertLines(lines, null);
    }

    /**
     * The lines encoded for {@link #insertLines(List, CopyRows.Encoded)}'s {@code COPY}, on the
     * calling thread — one that reads ahead, so that the thread that stores them does not also
     * encode them; null where the lines are not copied (H2).
     */
    CopyRows.Encoded encodeLines(List<? extends CheckedOrderLine> lines) {
        if (lines.isEmpty() || !copies()) {
            return null;
        }
        CopyRows copy = CopyRows.inMemory("order_line", LINE_COLUMNS);
        lines.forEach(l -> encode(copy, l));
        return copy.encoded();
    }

    private volatile Boolean copies;

    private boolean copies() {
        if (copies == null) {
            copies = jdbcTemplate.execute((ConnectionCallback<Boolean>) CopyRows::supported);
        }
        return copies;
    }

    /** Stores {@code lines}, given as {@code encoded} by {@link #encodeLines} when they were (null: not). */
    void insertLines(List<? extends CheckedOrderLine> lines, CopyRows.Encoded encoded) {
        if (lines.isEmpty()) {
            return;
        }
        jdbcTemplate.execute((ConnectionCallback<Void>) connection -> {
            if (encoded != null) {
                long copied = CopyRows.send(connection, encoded);
                if (copied != lines.size()) {
                    throw new IllegalStateException("COPY stored " + copied + " order lines of " + lines.size());
                }
                return null;
            }
            if (!CopyRows.supported(connection)) {
                jdbcTemplate.batchUpdate("INSERT INTO order_line (" + LINE_COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        lines.stream().map(l -> new Object[] {l.inboundFileId(), l.lineNumber(), l.action(), l.personnummer(),
                                l.purposeCode(), l.benefitFamilies(), date(l.fromDate()), date(l.toDate()),
                                l.consentReference(), l.caseReference(), l.partnerReference(), l.legalBasisId(), l.status(),
                                l.errorCode(), l.errorField(), l.errorMessage()}).toList());
                return null;
            }
            CopyRows copy = new CopyRows(connection, "order_line", LINE_COLUMNS);
            try {
                lines.forEach(l -> encode(copy, l));
            } catch (RuntimeException e) {
                copy.cancel();
                throw e;
            }
            copy.finish();
            return null;
        });
    }

    private static void encode(CopyRows copy, CheckedOrderLine l) {
        copy.value(l.inboundFileId()).value(l.lineNumber()).value(l.action()).value(l.personnummer())
                .value(l.purposeCode()).value(l.benefitFamilies()).value(l.fromDate()).value(l.toDate())
                .value(l.consentReference()).value(l.caseReference()).value(l.partnerReference())
                .value(l.legalBasisId()).value(l.status()).value(l.errorCode()).value(l.errorField())
                .value(l.errorMessage()).endRow();
    }

    /**
     * Refreshes the planner's statistics of {@code order_line} after a file's lines were stored:
     * without it PostgreSQL plans the later steps' paged reads on the table as it was before the
     * file (a million new rows look like none) and each page scans the whole table.
     */
    void analyzeLines() {
        String product = jdbcTemplate.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        jdbcTemplate.execute("PostgreSQL".equals(product) ? "ANALYZE order_line" : "ANALYZE TABLE order_line");
    }

    /** Refuses later lines that repeat an earlier line's person and purpose. */
    int refuseDuplicates(long inboundFileId) {
        return jdbc.sql("""
                UPDATE order_line o SET status = 'REFUSED', error_code = ?, error_field = 'personnummer', error_message = ?
                WHERE o.inbound_file_id = ? AND o.status = 'ACCEPTED' AND EXISTS (
                    SELECT 1 FROM order_line e WHERE e.inbound_file_id = o.inbound_file_id
                        AND e.personnummer = o.personnummer AND e.purpose_code = o.purpose_code
                        AND e.line_number < o.line_number)""")
                .params(OrderErrorCode.DUPLICATE_PERSON_IN_FILE.name(), OrderErrorCode.DUPLICATE_PERSON_IN_FILE.description(),
                        inboundFileId)
                .update();
    }

    /** New watches for a person already watched, and cancels or refreshes of a watch that does not exist. */
    int refuseAgainstWatches(long inboundFileId, String partyOrg) {
        String activeWatch = """
                SELECT 1 FROM watch w WHERE w.party_org = ? AND w.personnummer = o.personnummer
                    AND w.purpose_code = o.purpose_code AND w.ended_on IS NULL""";
        int already = jdbc.sql("UPDATE order_line o SET status = 'REFUSED', error_code = ?, error_field = 'personnummer', "
                        + "error_message = ? WHERE o.inbound_file_id = ? AND o.status = 'ACCEPTED' AND o.action = 'N' "
                        + "AND EXISTS (" + activeWatch + ")")
                .params(OrderErrorCode.ALREADY_WATCHED.name(), OrderErrorCode.ALREADY_WATCHED.description(), inboundFileId, partyOrg)
                .update();
        int missing = jdbc.sql("UPDATE order_line o SET status = 'REFUSED', error_code = ?, error_field = 'personnummer', "
                        + "error_message = ? WHERE o.inbound_file_id = ? AND o.status = 'ACCEPTED' AND o.action IN ('A', 'H') "
                        + "AND NOT EXISTS (" + activeWatch + ")")
                .params(OrderErrorCode.WATCH_NOT_FOUND.name(), OrderErrorCode.WATCH_NOT_FOUND.description(), inboundFileId, partyOrg)
                .update();
        return already + missing;
    }

    long countLines(long inboundFileId, String status) {
        return status == null
                ? jdbc.sql("SELECT COUNT(*) FROM order_line WHERE inbound_file_id = ?").param(inboundFileId).query(Long.class).single()
                : jdbc.sql("SELECT COUNT(*) FROM order_line WHERE inbound_file_id = ? AND status = ?")
                        .params(inboundFileId, status).query(Long.class).single();
    }

    /** The actions whose accepted lines are answered with complete information: N and H of an order, Q of a query. */
    static final String DELIVERABLE_ACTIONS = "('N', 'H', 'Q')";

    long countDeliverable(long inboundFileId) {
        return jdbc.sql("SELECT COUNT(*) FROM order_line WHERE inbound_file_id = ? AND status = 'ACCEPTED' AND action IN "
                        + DELIVERABLE_ACTIONS)
                .param(inboundFileId).query(Long.class).single();
    }

    /**
     * The deliverable lines (accepted N, H and Q) after line {@code afterLine} up to and including
     * line {@code upToLine}, in line order: a page of the deliver step, found through the primary key.
     */
    List<CheckedOrderLine> deliverableLines(long inboundFileId, int afterLine, int upToLine) {
        return jdbc.sql("SELECT * FROM order_line WHERE inbound_file_id = ? AND line_number > ? AND line_number <= ? "
                        + "AND status = 'ACCEPTED' AND action IN " + DELIVERABLE_ACTIONS + " ORDER BY line_number")
                .params(inboundFileId, afterLine, upToLine).query(OrderFiles::line).list();
    }

    /** The file's last stored line number, 0 when none is stored. */
    int lastLine(long inboundFileId) {
        return jdbc.sql("SELECT COALESCE(MAX(line_number), 0) FROM order_line WHERE inbound_file_id = ?")
                .param(inboundFileId).query(Integer.class).single();
    }

    /** Refused lines in line order: what the receipt reports. */
    List<CheckedOrderLine> refusedLines(long inboundFileId) {
        return jdbc.sql("SELECT * FROM order_line WHERE inbound_file_id = ? AND status = 'REFUSED' ORDER BY line_number")
                .param(inboundFileId).query(OrderFiles::line).list();
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    static CheckedOrderLine line(ResultSet rs, int row) throws SQLException {
        return new CheckedOrderLine(rs.getLong("inbound_file_id"), rs.getInt("line_number"), rs.getString("action"),
                rs.getString("personnummer"), rs.getString("purpose_code"), rs.getString("benefit_families"),
                localDate(rs, "from_date"), localDate(rs, "to_date"), rs.getString("consent_reference"), rs.getString("case_reference"), rs.getString("partner_reference"),
                rs.getString("legal_basis_id"), rs.getString("error_code"), rs.getString("error_field"),
                rs.getString("error_message"));
    }
}
