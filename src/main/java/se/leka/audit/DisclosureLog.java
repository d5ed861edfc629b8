package se.leka.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import se.leka.format.BenefitFamily;
import se.leka.format.CopyRows;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;

/**
 * The disclosure log: the only place that holds who received which person's data, when, on which
 * legal basis and in which file. Append-only and hash-chained (see {@link DisclosureChain}); there
 * is deliberately no method that changes or removes a row.
 */
@Service
public class DisclosureLog {

    private static final int BATCH = 1_000;
    private static final String COLUMNS = "seq, disclosed_at, recipient_org, agent_org, personnummer, purpose_code, "
            + "legal_basis_id, statute_reference, benefit_families, agreement_id, file_name, job_execution_id, "
            + "information_type, previous_hash, row_hash";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Clock clock;

    @Autowired
    DisclosureLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this(jdbc, jdbcTemplate, Clock.systemDefaultZone());
    }

    DisclosureLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.clock = clock;
    }

    /**
     * Appends disclosures in the caller's transaction, so that they commit or roll back together
     * with the delivery bookkeeping they belong to. Appends are serialised on the chain head.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void append(List<Disclosure> disclosures) {
        if (disclosures.isEmpty()) {
            return;
        }
        var head = jdbc.sql("SELECT last_seq, last_hash FROM disclosure_chain_head WHERE id = 1 FOR UPDATE")
                .query((rs, row) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
        long seq = (Long) head[0];
        String previous = (String) head[1];
        LocalDateTime now = DisclosureChain.normalise(LocalDateTime.now(clock));
        List<Object[]> rows = new ArrayList<>(disclosures.size());
        var hasher = new DisclosureChain.Hasher(now);
        Set<BenefitFamily> lastFamilies = null;
        String families = null;
        for (Disclosure d : disclosures) {
            seq++;
            String agent = d.agent() == null ? null : d.agent().value();
            if (d.benefitFamilies() != lastFamilies) { // a job's rows mostly share one set: its codes once
                lastFamilies = d.benefitFamilies();
                families = d.benefitFamilyCodes();
            }
            String hash = hasher.hash(previous, seq, d.recipient().value(), agent, d.person().value(),
                    d.purposeCode(), d.legalBasisId(), d.statuteReference(), families, d.agreementId(), d.fileName(),
                    d.jobExecutionId(), d.informationType());
            rows.add(new Object[] {seq, now, d.recipient().value(), agent, d.person().value(),
                    d.purposeCode(), d.legalBasisId(), d.statuteReference(), families, d.agreementId(), d.fileName(),
                    d.jobExecutionId(), d.informationType(), previous, hash});
            previous = hash;
        }
        insert(rows);
        jdbc.sql("UPDATE disclosure_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(seq, previous).update();
    }

    /**
     * Stores the rows (values in {@link #COLUMNS} order) on the transaction's connection: with
     * {@code COPY} on PostgreSQL — a job's chunk of thousands of rows in one stream instead of as
     * many INSERTs — and with batched INSERTs elsewhere (H2).
     */
    private void insert(List<Object[]> rows) {
        jdbcTemplate.execute((ConnectionCallback<Void>) connection -> {
            if (!CopyRows.supported(connection)) {
                for (int from = 0; from < rows.size(); from += BATCH) {
                    jdbcTemplate.batchUpdate("INSERT INTO disclosure_log (" + COLUMNS
                                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            rows.subList(from, Math.min(rows.size(), from + BATCH)).stream()
                                    .map(DisclosureLog::forJdbc).toList());
                }
                return null;
            }
            CopyRows copy = new CopyRows(connection, "disclosure_log", COLUMNS);
            try {
                for (Object[] row : rows) {
                    for (Object value : row) {
                        copy.value(value);
                    }
                    copy.endRow();
                }
            } catch (RuntimeException e) {
                copy.cancel();
                throw e;
            }
            long copied = copy.finish();
            if (copied != rows.size()) {
                throw new IllegalStateException("COPY stored " + copied + " disclosure rows of " + rows.size());
            }
            return null;
        });
    }

    private static Object[] forJdbc(Object[] row) {
        Object[] jdbcRow = row.clone();
        jdbcRow[1] = Timestamp.valueOf((LocalDateTime) row[1]);
        return jdbcRow;
    }

    /** Who received data about {@code person}, oldest first. */
    @Transactional(readOnly = true)
    public List<DisclosureEntry> aboutPerson(Personnummer person) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_log WHERE personnummer = ? ORDER BY seq")
                .param(person.value()).query(DisclosureLog::entry).list();
    }

    /** What {@code recipient} received from {@code from} to {@code to}, both days included, oldest first. */
    @Transactional(readOnly = true)
    public List<DisclosureEntry> toRecipient(OrgNumber recipient, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_log WHERE recipient_org = ? AND disclosed_at >= ? "
                        + "AND disclosed_at < ? ORDER BY seq")
                .params(recipient.value(), Timestamp.valueOf(from.atStartOfDay()), Timestamp.valueOf(to.plusDays(1).atStartOfDay()))
                .query(DisclosureLog::entry).list();
    }

    /** Every row written for one file, in order. */
    @Transactional(readOnly = true)
    public List<DisclosureEntry> forFile(String fileName) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_log WHERE file_name = ? ORDER BY seq")
                .param(fileName).query(DisclosureLog::entry).list();
    }

    /**
     * Person-records disclosed per agreement and day from {@code from} to {@code to} (both days
     * included; the day of {@code disclosed_at}), split into deliveries and query answers (file
     * name with {@code _SVAR_}). Ordered by agreement and day.
     */
    @Transactional(readOnly = true)
    public List<DisclosureVolume> dailyVolumes(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT agreement_id, recipient_org, CAST(disclosed_at AS DATE) AS day,
                       SUM(CASE WHEN POSITION('_SVAR_' IN file_name) > 0 THEN 0 ELSE 1 END) AS delivered,
                       SUM(CASE WHEN POSITION('_SVAR_' IN file_name) > 0 THEN 1 ELSE 0 END) AS answered
                FROM disclosure_log WHERE disclosed_at >= ? AND disclosed_at < ?
                GROUP BY agreement_id, recipient_org, CAST(disclosed_at AS DATE)
                ORDER BY agreement_id, day""")
                .params(Timestamp.valueOf(from.atStartOfDay()), Timestamp.valueOf(to.plusDays(1).atStartOfDay()))
                .query((rs, n) -> new DisclosureVolume(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getLong(4), rs.getLong(5)))
                .list();
    }

    /**
     * Walks the whole chain in order and reports the first row whose link to the previous row or
     * whose own hash does not hold, or a gap in the sequence (a removed row).
     */
    @Transactional(readOnly = true)
    public ChainVerification verifyChain() {
        long[] checked = {0};
        ChainVerification[] broken = {null};
        String[] previous = {DisclosureChain.GENESIS};
        long[] expectedSeq = {1};
        Consumer<DisclosureEntry> check = e -> {
            if (broken[0] != null) {
                return;
            }
            checked[0]++;
            if (e.seq() != expectedSeq[0]) {
                broken[0] = new ChainVerification(checked[0], expectedSeq[0], "row " + expectedSeq[0] + " is missing");
            } else if (!e.previousHash().equals(previous[0])) {
                broken[0] = new ChainVerification(checked[0], e.seq(), "row " + e.seq() + " does not link to the row before it");
            } else if (!DisclosureChain.hash(e).equals(e.rowHash())) {
                broken[0] = new ChainVerification(checked[0], e.seq(), "row " + e.seq() + " was changed after it was written");
            }
            previous[0] = e.rowHash();
            expectedSeq[0] = e.seq() + 1;
        };
        jdbcTemplate.query(con -> {
            var ps = con.prepareStatement("SELECT " + COLUMNS + " FROM disclosure_log ORDER BY seq");
            ps.setFetchSize(BATCH);
            return ps;
        }, (RowCallbackHandler) rs -> check.accept(entry(rs, 0)));
        if (broken[0] != null) {
            return broken[0];
        }
        String head = jdbc.sql("SELECT last_hash FROM disclosure_chain_head WHERE id = 1").query(String.class).single();
        if (!head.equals(previous[0])) {
            return new ChainVerification(checked[0], expectedSeq[0], "the last rows of the log are missing");
        }
        return ChainVerification.intact(checked[0]);
    }

    private static DisclosureEntry entry(ResultSet rs, int row) throws SQLException {
        long execution = rs.getLong("job_execution_id");
        Long jobExecutionId = rs.wasNull() ? null : execution;
        return new DisclosureEntry(rs.getLong("seq"), rs.getTimestamp("disclosed_at").toLocalDateTime(),
                rs.getString("recipient_org"), rs.getString("agent_org"), rs.getString("personnummer"),
                rs.getString("purpose_code"), rs.getString("legal_basis_id"), rs.getString("statute_reference"),
                rs.getString("benefit_families"), rs.getString("agreement_id"), rs.getString("file_name"),
                jobExecutionId, rs.getInt("information_type"), rs.getString("previous_hash"),
                rs.getString("row_hash"));
    }
}
