package se.leka.fee;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fee ledger: what each agreement owes per period and component, append-only. Recording a
 * computation compares it with the rows already there for the same agreement and period and writes
 * only the difference — nothing when it is equal (a re-run), an ADJUSTMENT row when facts arrived
 * late — so an invoiced row is never rewritten.
 */
@Service
public class FeeLedger {

    private final JdbcClient jdbc;

    FeeLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Key(FeeComponent component, String modelVersion) {
    }

    private record Sum(long quantity, int daysActive, BigDecimal amount, int entries, Integer daysInPeriod,
                       BigDecimal unitPrice) {
    }

    /**
     * Records the computed lines of one agreement and period in the caller's transaction; returns
     * the rows written (none when the ledger already says the same).
     */
    @Transactional
    List<LedgerEntry> record(AgreementTerms terms, FeePeriod period, List<FeeLine> lines, LocalDate runDate, long jobExecutionId) {
        Map<Key, Sum> existing = new LinkedHashMap<>();
        for (LedgerEntry e : ofAgreement(terms.agreementId(), period.start())) {
            existing.merge(new Key(e.component(), e.modelVersion()),
                    new Sum(e.quantity(), e.daysActive() == null ? 0 : e.daysActive(), e.amount(), 1, e.daysInPeriod(), e.unitPrice()),
                    (a, b) -> new Sum(a.quantity + b.quantity, a.daysActive + b.daysActive, a.amount.add(b.amount),
                            a.entries + b.entries, b.daysInPeriod, b.unitPrice));
        }
        String kind = existing.isEmpty() ? LedgerEntry.ORIGINAL : LedgerEntry.ADJUSTMENT;
        Map<Key, FeeLine> computed = new LinkedHashMap<>();
        lines.forEach(l -> computed.put(new Key(l.component(), l.modelVersion()), l));
        // Components that were ledgered but are computed no more (facts withdrawn) are reversed.
        existing.forEach((key, sum) -> computed.putIfAbsent(key, new FeeLine(key.component(), key.modelVersion(), 0,
                sum.unitPrice, sum.daysInPeriod == null ? null : 0, sum.daysInPeriod, BigDecimal.ZERO.setScale(2), "reversed")));

        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.MICROS);
        List<Long> written = new ArrayList<>();
        for (Map.Entry<Key, FeeLine> entry : computed.entrySet()) {
            FeeLine line = entry.getValue();
            Sum before = existing.getOrDefault(entry.getKey(), new Sum(0, 0, BigDecimal.ZERO, 0, null, null));
            long quantity = line.quantity() - before.quantity;
            Integer days = line.daysActive() == null ? null : line.daysActive() - before.daysActive;
            BigDecimal amount = line.amount().subtract(before.amount);
            if (quantity == 0 && (days == null || days == 0) && amount.signum() == 0) {
                continue;
            }
            written.add(jdbc.sql("""
                    INSERT INTO fee_ledger (agreement_id, party, period_start, period_end, component, model_version, entry_no,
                        kind, quantity, unit_price, days_active, days_in_period, amount, note, run_date, job_execution_id, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(terms.agreementId(), terms.party().value(), Date.valueOf(period.start()), Date.valueOf(period.end()),
                            line.component().name(), line.modelVersion(), before.entries, kind, quantity, line.unitPrice(),
                            days, line.daysInPeriod(), amount, line.note(), Date.valueOf(runDate), jobExecutionId,
                            Timestamp.valueOf(now))
                    .update() > 0 ? 1L : 0L);
        }
        if (written.isEmpty()) {
            return List.of();
        }
        return ofAgreement(terms.agreementId(), period.start()).stream()
                .filter(e -> e.runDate().equals(runDate) && e.jobExecutionId() == jobExecutionId).toList();
    }

    /** Every row of one agreement's period, in the order written. */
    @Transactional(readOnly = true)
    public List<LedgerEntry> ofAgreement(String agreementId, LocalDate periodStart) {
        return jdbc.sql("SELECT * FROM fee_ledger WHERE agreement_id = ? AND period_start = ? ORDER BY ledger_id")
                .params(agreementId, Date.valueOf(periodStart)).query(FeeLedger::entry).list();
    }

    /** Every row written by the fee run of {@code runDate} (its job instance), by agreement, in the order written. */
    @Transactional(readOnly = true)
    public List<LedgerEntry> writtenBy(LocalDate runDate) {
        return jdbc.sql("SELECT * FROM fee_ledger WHERE run_date = ? ORDER BY agreement_id, ledger_id")
                .param(Date.valueOf(runDate)).query(FeeLedger::entry).list();
    }

    /** Every row of a period, by agreement, in the order written. */
    @Transactional(readOnly = true)
    public List<LedgerEntry> ofPeriod(LocalDate periodStart) {
        return jdbc.sql("SELECT * FROM fee_ledger WHERE period_start = ? ORDER BY agreement_id, ledger_id")
                .param(Date.valueOf(periodStart)).query(FeeLedger::entry).list();
    }

    /** The sum of an agreement's period over all rows: what it owes after every adjustment. */
    public static BigDecimal total(List<LedgerEntry> entries) {
        return entries.stream().map(LedgerEntry::amount).filter(Objects::nonNull).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static LedgerEntry entry(ResultSet rs, int n) throws SQLException {
        int days = rs.getInt("days_active");
        Integer daysActive = rs.wasNull() ? null : days;
        int periodDays = rs.getInt("days_in_period");
        Integer daysInPeriod = rs.wasNull() ? null : periodDays;
        return new LedgerEntry(rs.getLong("ledger_id"), rs.getString("agreement_id"), rs.getString("party"),
                rs.getDate("period_start").toLocalDate(), rs.getDate("period_end").toLocalDate(),
                FeeComponent.valueOf(rs.getString("component")), rs.getString("model_version"), rs.getInt("entry_no"),
                rs.getString("kind"), rs.getLong("quantity"), rs.getBigDecimal("unit_price"), daysActive, daysInPeriod,
                rs.getBigDecimal("amount").setScale(2), rs.getString("note"), rs.getDate("run_date").toLocalDate(),
                rs.getLong("job_execution_id"));
    }
}
