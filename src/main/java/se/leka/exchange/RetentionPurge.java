package se.leka.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes kept originals older than {@code leka.exchange.retention.archive-days} (archive and
 * quarantine) and delivered files the partner has not fetched within
 * {@code leka.exchange.retention.outbox-days}, nightly at {@code leka.exchange.retention.purge-cron}.
 * Every removed file is written to {@code purge_log} with its path, size and checksum.
 */
@Component
class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ExchangeProperties.Retention retention;
    private final ExchangeTime time;
    private final ExchangeDirectories directories;

    RetentionPurge(JdbcClient jdbc, TransactionTemplate tx, ExchangeProperties properties, ExchangeTime time,
                   ExchangeDirectories directories) {
        this.directories = directories;
        this.jdbc = jdbc;
        this.tx = tx;
        this.retention = properties.retention();
        this.time = time;
    }

    private record Candidate(long id, String path, String status, Long size, String sha256) {
    }

    /** @return how many files were removed */
    @Scheduled(cron = "${leka.exchange.retention.purge-cron:0 30 3 * * *}", zone = "Europe/Stockholm")
    int purge() {
        OffsetDateTime now = time.now();
        int removed = 0;
        List<Candidate> inbound = jdbc.sql("""
                SELECT inbound_file_id, stored_path, status, size_bytes, sha256 FROM inbound_file
                WHERE purged_at IS NULL AND status <> 'RECEIVED' AND received_at < ? ORDER BY inbound_file_id""")
                .param(now.minusDays(retention.archiveDays()))
                .query((rs, n) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)))
                .list();
        for (Candidate c : inbound) {
            String area = c.status().equals("QUARANTINED") ? "QUARANTINE" : "ARCHIVE";
            if (remove(c, area, "older than " + retention.archiveDays() + " days", now)) {
                removed++;
            }
            tx.executeWithoutResult(s -> jdbc.sql("UPDATE inbound_file SET purged_at = ? WHERE inbound_file_id = ?")
                    .params(now, c.id()).update());
        }
        List<Candidate> outbound = jdbc.sql("""
                SELECT o.outbound_file_id, o.login, o.mailbox_principal, o.file_name, o.size_bytes, o.sha256
                FROM outbound_file o WHERE o.status = 'DELIVERED' AND o.delivered_at < ? ORDER BY o.outbound_file_id""")
                .param(now.minusDays(retention.outboxDays()))
                .query((rs, n) -> new Candidate(rs.getLong(1), outboxPath(rs.getString(2), rs.getString(3), rs.getString(4)),
                        "DELIVERED", rs.getLong(5), rs.getString(6)))
                .list();
        for (Candidate c : outbound) {
            if (remove(c, "OUTBOX", "not fetched within " + retention.outboxDays() + " days", now)) {
                removed++;
                tx.executeWithoutResult(s -> jdbc.sql("UPDATE outbound_file SET status = 'PURGED', purged_at = ? WHERE outbound_file_id = ?")
                        .params(now, c.id()).update());
            }
        }
        log.info("Retention purge removed {} files", removed);
        return removed;
    }

    private String outboxPath(String login, String principal, String fileName) {
        Path mailbox = directories.logins().resolve(login);
        if (principal != null) {
            mailbox = mailbox.resolve(principal);
        }
        return mailbox.resolve(Mailbox.OUTBOX).resolve(fileName).toString();
    }

    private boolean remove(Candidate c, String area, String reason, OffsetDateTime now) {
        try {
            if (!Files.deleteIfExists(Path.of(c.path()))) {
                return false;
            }
        } catch (IOException e) {
            log.error("Retention purge could not remove {} ({} file {})", c.path(), area, c.id(), e);
            return false;
        }
        tx.executeWithoutResult(s -> jdbc.sql("""
                INSERT INTO purge_log (purged_at, area, file_id, path, size_bytes, sha256, reason) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(now, area, c.id(), c.path(), c.size(), c.sha256(), reason).update());
        log.info("Retention purge removed {} file {}: {}", area, c.id(), c.path());
        return true;
    }
}
