package se.leka.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator action log: every action an operator takes in the admin (restart, stop, abandon,
 * recover, launch, agreement and assignment steps), done or refused. Append-only: there is no
 * method that changes or removes an entry.
 */
@Service
public class OperatorActionLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    OperatorActionLog(JdbcClient jdbc) {
        this(jdbc, Clock.systemDefaultZone());
    }

    OperatorActionLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records an action in a transaction of its own, so that a refused action (whose own
     * transaction rolls back) is still on record.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String actor, String action, String targetType, String targetId, String detail, String outcome,
                       String message) {
        jdbc.sql("INSERT INTO operator_action (acted_at, actor, action, target_type, target_id, detail, outcome, message) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.valueOf(LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS)), actor, action,
                        targetType, targetId, cut(detail), outcome, cut(message))
                .update();
    }

    /**
     * Entries, newest first, filtered by any of actor, target type and id, and days (both
     * included); null filters are ignored.
     */
    @Transactional(readOnly = true)
    public List<OperatorAction> search(String actor, String targetType, String targetId, LocalDate from, LocalDate to,
                                       int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, acted_at, actor, action, target_type, target_id, detail, "
                + "outcome, message FROM operator_action WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (actor != null && !actor.isBlank()) {
            sql.append(" AND actor = ?");
            params.add(actor.trim());
        }
        if (targetType != null && !targetType.isBlank()) {
            sql.append(" AND target_type = ?");
            params.add(targetType.trim());
        }
        if (targetId != null && !targetId.isBlank()) {
            sql.append(" AND target_id = ?");
            params.add(targetId.trim());
        }
        if (from != null) {
            sql.append(" AND acted_at >= ?");
            params.add(Timestamp.valueOf(from.atStartOfDay()));
        }
        if (to != null) {
            sql.append(" AND acted_at < ?");
            params.add(Timestamp.valueOf(to.plusDays(1).atStartOfDay()));
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 5_000)));
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new OperatorAction(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9)))
                .list();
    }

    private static String cut(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1990) + " …";
    }
}
