package se.leka.register;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code register_extract} table: which extract files were seen and what became of them. */
@Repository
class ExtractStore {

    private final JdbcClient jdbc;

    ExtractStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ExtractRecord> find(String checksum) {
        return jdbc.sql("SELECT * FROM register_extract WHERE checksum = ?").param(checksum)
                .query(ExtractStore::extract).optional();
    }

    /** The file that applied {@code extractId}, if one did. */
    Optional<ExtractRecord> findApplied(String extractId) {
        return jdbc.sql("SELECT * FROM register_extract WHERE extract_id = ? AND status = 'APPLIED'").param(extractId)
                .query(ExtractStore::extract).optional();
    }

    /** Records the outcome of staging (replacing the record of an earlier, interrupted attempt). */
    void saveStaged(ExtractRecord e, LocalDateTime now) {
        jdbc.sql("DELETE FROM register_extract WHERE checksum = ?").param(e.checksum()).update();
        jdbc.sql("""
                INSERT INTO register_extract (checksum, extract_id, kind, source_system, created_at, file_name,
                       declared_rows, staged_rows, error_rows, status, status_reason, staged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.checksum(), e.extractId(), e.kind(), e.sourceSystem(),
                        e.createdAt(), e.fileName(), e.declaredRows(),
                        e.stagedRows(), e.errorRows(), e.status().name(), truncate(e.statusReason()), now)
                .update();
    }

    void markApplied(String checksum, LocalDateTime appliedAt, long newFacts, long changed, long ended, long withdrawn) {
        jdbc.sql("""
                UPDATE register_extract SET status = 'APPLIED', applied_at = ?, new_facts = ?, changed_facts = ?,
                       ended_facts = ?, withdrawn_facts = ?
                WHERE checksum = ? AND status = 'STAGED'""")
                .params(appliedAt, newFacts, changed, ended, withdrawn, checksum)
                .update();
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 400 ? reason : reason.substring(0, 400);
    }

    private static ExtractRecord extract(ResultSet rs, int row) throws SQLException {
        LocalDateTime created = rs.getObject("created_at", LocalDateTime.class);
        Long declared = rs.getObject("declared_rows", Long.class);
        return new ExtractRecord(rs.getString("checksum"), rs.getString("extract_id"), rs.getString("kind"),
                rs.getString("source_system"), created,
                rs.getString("file_name"), declared, rs.getLong("staged_rows"),
                rs.getLong("error_rows"), ExtractRecord.Status.valueOf(rs.getString("status")),
                rs.getString("status_reason"), rs.getLong("new_facts"), rs.getLong("changed_facts"),
                rs.getLong("ended_facts"), rs.getLong("withdrawn_facts"));
    }
}
