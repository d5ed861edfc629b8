package se.leka.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.leka.exchange.Mailbox;
import se.leka.format.OrgNumber;

/** The notification room's tables: watermarks per stream and what each daily run did per stream (V50). */
@Component
class NotificationStore {

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stream's watermark, created at 0 when the stream is new. */
    Watermark watermark(Mailbox mailbox) {
        jdbc.sql("""
                INSERT INTO notification_watermark (mailbox, party_org, agent_org, last_seq, updated_at)
                SELECT ?, ?, ?, 0, ? WHERE NOT EXISTS (SELECT 1 FROM notification_watermark WHERE mailbox = ?)""")
                .params(mailbox.relativeDir(), mailbox.party().value(), agentOf(mailbox), LocalDateTime.now(),
                        mailbox.relativeDir())
                .update();
        return findWatermark(mailbox).orElseThrow();
    }

    Optional<Watermark> findWatermark(Mailbox mailbox) {
        return jdbc.sql("SELECT last_seq, last_run_date FROM notification_watermark WHERE mailbox = ?")
                .param(mailbox.relativeDir())
                .query((rs, row) -> new Watermark(rs.getLong("last_seq"), rs.getObject("last_run_date", LocalDate.class)))
                .optional();
    }

    /**
     * Moves the stream's watermark from {@code from} to {@code to} in the caller's transaction;
     * false when it is no longer at {@code from} (another run moved it).
     */
    boolean advance(Mailbox mailbox, long from, long to, LocalDate runDate) {
        return jdbc.sql("UPDATE notification_watermark SET last_seq = ?, last_run_date = ?, updated_at = ? WHERE mailbox = ? AND last_seq = ?")
                .params(to, runDate, LocalDateTime.now(), mailbox.relativeDir(), from)
                .update() == 1;
    }

    void insertStreamRun(StreamRun run, long jobExecutionId) {
        jdbc.sql("""
                INSERT INTO notification_stream_run (run_date, mailbox, party_org, agent_org, agreement_id, job_execution_id,
                    status, reason, message, active_watches, from_seq, to_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(run.runDate(), run.mailbox().relativeDir(), run.mailbox().party().value(), agentOf(run.mailbox()),
                        run.agreementId(), jobExecutionId, run.status().name(), run.reason(), cut(run.message(), 300),
                        run.activeWatches(), run.fromSequence(), run.toSequence())
                .update();
    }

    void finishStreamRun(LocalDate runDate, Mailbox mailbox, StreamRun.Status status, long persons, String fileName) {
        jdbc.sql("UPDATE notification_stream_run SET status = ?, persons = ?, file_name = ?, finished_at = ? WHERE run_date = ? AND mailbox = ?")
                .params(status.name(), persons, fileName, LocalDateTime.now(), runDate, mailbox.relativeDir())
                .update();
    }

    /** Streams another run (not {@code runDate}'s) planned for {@code mailbox} and has not finished. */
    List<Planned> unfinished(Mailbox mailbox, LocalDate runDate) {
        return jdbc.sql("SELECT * FROM notification_stream_run WHERE mailbox = ? AND status = 'PLANNED' AND run_date <> ? ORDER BY run_date")
                .params(mailbox.relativeDir(), runDate)
                .query((rs, row) -> new Planned(streamRun(rs, row), rs.getLong("job_execution_id"))).list();
    }

    List<StreamRun> streamRuns(LocalDate runDate) {
        return jdbc.sql("SELECT * FROM notification_stream_run WHERE run_date = ? ORDER BY mailbox")
                .param(runDate).query(NotificationStore::streamRun).list();
    }

    private static StreamRun streamRun(ResultSet rs, int row) throws SQLException {
        long persons = rs.getLong("persons");
        Long personsOrNull = rs.wasNull() ? null : persons;
        return new StreamRun(rs.getObject("run_date", LocalDate.class), mailbox(rs.getString("mailbox")),
                rs.getString("agreement_id"), StreamRun.Status.valueOf(rs.getString("status")), rs.getString("reason"),
                rs.getString("message"), rs.getLong("active_watches"), (Long) rs.getObject("from_seq", Long.class),
                (Long) rs.getObject("to_seq", Long.class), personsOrNull, rs.getString("file_name"));
    }

    /** A mailbox from its directory ({@code <party>} or {@code <agent>/<principal>}), as rows and partitions name it. */
    static Mailbox mailbox(String relativeDir) {
        int slash = relativeDir.indexOf('/');
        return slash < 0 ? Mailbox.of(OrgNumber.parse(relativeDir))
                : Mailbox.viaAgent(OrgNumber.parse(relativeDir.substring(0, slash)), OrgNumber.parse(relativeDir.substring(slash + 1)));
    }

    private static String agentOf(Mailbox mailbox) {
        return mailbox.viaAgent() ? mailbox.login().value() : null;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A planned stream and the job execution that planned it. */
    record Planned(StreamRun run, long jobExecutionId) {
    }

    /** Where a stream's changes have been delivered up to, and the run date that last moved it. */
    record Watermark(long sequence, LocalDate lastRunDate) {
    }
}
