package se.leka.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Stored in two parts (V35): what the rows of one append share, once per batch
 * ({@code disclosure_batch}), and per row the person, its sequence number and hash
 * ({@code disclosure_record}). The searches read the view {@code disclosure_log}, which shows the
 * rows whole; verification and the fee volumes read the tables.
 */
@Service
public class DisclosureLog {

    private static final int BATCH = 1_000;
    private static final String COLUMNS = "seq, disclosed_at, recipient_org, agent_org, personnummer, purpose_code, "
            + "legal_basis_id, statute_reference, benefit_families, agreement_id, file_name, job_execution_id, "
            + "information_type, previous_hash, row_hash";
    private static final String BATCH_COLUMNS = "batch_id, disclosed_at, recipient_org, agent_org, purpose_code, "
            + "legal_basis_id, statute_reference, benefit_families, agreement_id, file_name, job_execution_id, "
            + "information_type, records";
    private static final String RECORD_COLUMNS = "seq, batch_id, personnummer, row_hash";

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
        Map<Shared, long[]> batches = new LinkedHashMap<>(); // what the rows share → {batch id (its first seq), rows}
        Set<BenefitFamily> lastFamilies = null;
        String families = null;
        Shared lastShared = null;
        long[] batch = null;
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
            Shared shared = new Shared(d.recipient().value(), agent, d.purposeCode(), d.legalBasisId(), d.statuteReference(),
                    families, d.agreementId(), d.fileName(), d.jobExecutionId(), d.informationType());
            if (!shared.equals(lastShared)) {
                lastShared = shared;
                batch = batches.computeIfAbsent(shared, s -> new long[2]);
                if (batch[1] == 0) {
                    batch[0] = seq;
                }
            }
            batch[1]++;
            rows.add(new Object[] {seq, batch[0], d.person().value(), hash});
            previous = hash;
        }
        List<Object[]> batchRows = new ArrayList<>(batches.size());
        batches.forEach((s, idAndRows) -> batchRows.add(new Object[] {idAndRows[0], Timestamp.valueOf(now), s.recipientOrg(),
                s.agentOrg(), s.purposeCode(), s.legalBasisId(), s.statuteReference(), s.benefitFamilies(), s.agreementId(),
                s.fileName(), s.jobExecutionId(), s.informationType(), idAndRows[1]}));
        jdbcTemplate.batchUpdate("INSERT INTO disclosure_batch (" + BATCH_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batchRows);
        insert(rows);
        jdbc.sql("UPDATE disclosure_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(seq, previous).update();
    }

    /** What rows of one append share, stored once per batch. */
    private record Shared(String recipientOrg, String agentOrg, String purposeCode, String legalBasisId,
                          String statuteReference, String benefitFamilies, String agreementId, String fileName,
                          Long jobExecutionId, int informationType) {
    }

    /**
     * Stores the rows (values in {@link #RECORD_COLUMNS} order) on the transaction's connection: with
     * {@code COPY} on PostgreSQL — a job's chunk of thousands of rows in one stream instead of as
     * many INSERTs — and with batched INSERTs elsewhere (H2).
     */
    private void insert(List<Object[]> rows) {
        jdbcTemplate.execute((ConnectionCallback<Void>) connection -> {
            if (!CopyRows.supported(connection)) {
                for (int from = 0; from < rows.size(); from += BATCH) {
                    jdbcTemplate.batchUpdate("INSERT INTO disclosure_record (" + RECORD_COLUMNS + ") VALUES (?, ?, ?, ?)",
                            rows.subList(from, Math.min(rows.size(), from + BATCH)));
                }
                return null;
            }
            CopyRows copy = new CopyRows(connection, "disclosure_record", RECORD_COLUMNS);
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
                       SUM(CASE WHEN POSITION('_SVAR_' IN file_name) > 0 THEN 0 ELSE records END) AS delivered,
                       SUM(CASE WHEN POSITION('_SVAR_' IN file_name) > 0 THEN records ELSE 0 END) AS answered
                FROM disclosure_batch WHERE disclosed_at >= ? AND disclosed_at < ?
                GROUP BY agreement_id, recipient_org, CAST(disclosed_at AS DATE)
                ORDER BY agreement_id, day""")
                .params(Timestamp.valueOf(from.atStartOfDay()), Timestamp.valueOf(to.plusDays(1).atStartOfDay()))
                .query((rs, n) -> new DisclosureVolume(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getLong(4), rs.getLong(5)))
                .list();
    }

    /**
     * Walks the whole chain in order and reports the first row whose hash — over its fields and the
     * hash of the row before it — does not hold, or a gap in the sequence (a removed row); then the
     * first batch whose count of rows is not the rows it has (a batch added or its count changed:
     * the fees are summed from the counts).
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
            } else if (!DisclosureChain.hash(e).equals(e.rowHash())) {
                broken[0] = new ChainVerification(checked[0], e.seq(), "row " + e.seq() + " was changed after it was written");
            }
            previous[0] = e.rowHash();
            expectedSeq[0] = e.seq() + 1;
        };
        // The rows in the primary key's order, each with its batch (a batch's rows mostly follow
        // each other, so a few are kept): no join and sort of the whole log. The previous hash is
        // the one this walk has just seen.
        Map<Long, DisclosureEntry> batches = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, DisclosureEntry> eldest) {
                return size() > 64;
            }
        };
        jdbcTemplate.query(con -> {
            var ps = con.prepareStatement("SELECT seq, batch_id, personnummer, row_hash FROM disclosure_record ORDER BY seq");
            ps.setFetchSize(BATCH);
            return ps;
        }, (RowCallbackHandler) rs -> {
            long seq = rs.getLong(1);
            long batchId = rs.getLong(2);
            DisclosureEntry batch = batches.computeIfAbsent(batchId, id -> jdbc.sql(
                    "SELECT 0 AS seq, disclosed_at, recipient_org, agent_org, '' AS personnummer, purpose_code, legal_basis_id, "
                            + "statute_reference, benefit_families, agreement_id, file_name, job_execution_id, information_type, "
                            + "'' AS row_hash FROM disclosure_batch WHERE batch_id = ?")
                    .param(id).query((r, n) -> entry(r, null)).optional().orElse(null));
            if (batch == null) {
                if (broken[0] == null) {
                    checked[0]++;
                    broken[0] = new ChainVerification(checked[0], seq, "row " + seq + " names batch " + batchId
                            + ", which does not exist");
                }
                return;
            }
            check.accept(new DisclosureEntry(seq, batch.disclosedAt(), batch.recipientOrg(), batch.agentOrg(), rs.getString(3),
                    batch.purposeCode(), batch.legalBasisId(), batch.statuteReference(), batch.benefitFamilies(),
                    batch.agreementId(), batch.fileName(), batch.jobExecutionId(), batch.informationType(), previous[0],
                    rs.getString(4)));
        });
        if (broken[0] != null) {
            return broken[0];
        }
        String head = jdbc.sql("SELECT last_hash FROM disclosure_chain_head WHERE id = 1").query(String.class).single();
        if (!head.equals(previous[0])) {
            return new ChainVerification(checked[0], expectedSeq[0], "the last rows of the log are missing");
        }
        var miscounted = jdbc.sql("""
                SELECT b.batch_id, b.records, COUNT(r.seq) AS found FROM disclosure_batch b
                LEFT JOIN disclosure_record r ON r.batch_id = b.batch_id
                GROUP BY b.batch_id, b.records HAVING COUNT(r.seq) <> b.records ORDER BY b.batch_id FETCH FIRST 1 ROWS ONLY""")
                .query((rs, n) -> new ChainVerification(checked[0], rs.getLong(1), "batch " + rs.getLong(1) + " says it holds "
                        + rs.getLong(2) + " rows, it holds " + rs.getLong(3)))
                .optional();
        if (miscounted.isPresent()) {
            return miscounted.get();
        }
        return ChainVerification.intact(checked[0]);
    }

    private static DisclosureEntry entry(ResultSet rs, int row) throws SQLException {
        return entry(rs, rs.getString("previous_hash"));
    }

    private static DisclosureEntry entry(ResultSet rs, String previousHash) throws SQLException {
        long execution = rs.getLong("job_execution_id");
        Long jobExecutionId = rs.wasNull() ? null : execution;
        return new DisclosureEntry(rs.getLong("seq"), rs.getTimestamp("disclosed_at").toLocalDateTime(),
                rs.getString("recipient_org"), rs.getString("agent_org"), rs.getString("personnummer"),
                rs.getString("purpose_code"), rs.getString("legal_basis_id"), rs.getString("statute_reference"),
                rs.getString("benefit_families"), rs.getString("agreement_id"), rs.getString("file_name"),
                jobExecutionId, rs.getInt("information_type"), previousHash, rs.getString("row_hash"));
    }
}
