package se.leka.register;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.format.Benefit;
import se.leka.format.Personnummer;

/**
 * The register as the other rooms read it: current facts, facts as of a moment (bitemporal), and
 * the change log after a watermark. Every query is served by the store's index on personnummer or
 * its primary key, the change log's sequence (see V14).
 */
@Service
@Transactional(readOnly = true)
public class RegisterReader {

    /** Persons per query of the change log; larger sets are asked in slices. */
    static final int PERSONS_PER_QUERY = 500;

    /**
     * What a delivery prints of a fact, and what orders and identifies it: the columns of the current
     * facts. The fact key is not among them: the store derives it from the columns it names ({@link FactMapper}).
     */
    private static final String DELIVERY_COLUMNS = "personnummer, protected_identity, source_system, benefit, "
            + "decision_id, period_from, period_to, extent, amount, amount_type, payment_date, paid_amount, status";
    /** Every column of a fact, knowledge time included: history, as-of and change reads. */
    private static final String FACT_COLUMNS = DELIVERY_COLUMNS + ", source_changed_at, extract_id, recorded_at";
    private static final String ORDER = " ORDER BY benefit, period_from, decision_id, payment_date NULLS FIRST, source_system";

    /**
     * Persons per query of {@link #currentFacts(Collection, Set, LocalDate)} on PostgreSQL, where they
     * go as one array parameter ({@code = ANY(?)}): a job's whole chunk in one round trip, and a
     * statement the server plans once instead of a 500-value IN list it plans every time.
     */
    static final int PERSONS_PER_ARRAY_QUERY = 10_000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile Boolean postgres;

    RegisterReader(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * The current facts about {@code person} for {@code benefits} whose period reaches {@code from}
     * or later (period_to on or after {@code from}, or open), whatever their status — a WITHDRAWN or
     * ENDED fact is still information a recipient may need — in {@link #FACT_ORDER}. The facts are
     * what a delivery needs: their {@code sourceChangedAt}, {@code extractId} and {@code recordedAt}
     * are null ({@link #DELIVERY_COLUMNS}); {@link #history} and {@link #factsAsOf} have them.
     */
    public List<BenefitFact> currentFacts(Personnummer person, Set<Benefit> benefits, LocalDate from) {
        return currentFacts(List.of(person), benefits, from).getOrDefault(person, List.of());
    }

    /**
     * {@link #currentFacts(Personnummer, Set, LocalDate)} for many persons at once — one query per
     * {@value #PERSONS_PER_QUERY} persons (on PostgreSQL {@value #PERSONS_PER_ARRAY_QUERY}) instead of
     * one per person — grouped by person in personnummer order (persons without facts are absent),
     * each person's facts in {@link #FACT_ORDER}. Jobs that deliver thousands of persons a chunk use this.
     */
    public Map<Personnummer, List<BenefitFact>> currentFacts(Collection<Personnummer> persons, Set<Benefit> benefits,
                                                           LocalDate from) {
        if (persons.isEmpty() || benefits.isEmpty()) {
            return Map.of();
        }
        List<String> all = persons.stream().map(Personnummer::value).distinct().sorted().toList();
        // No ORDER BY: PostgreSQL, the order job's bottleneck, spent a tenth of its CPU on this query
        // sorting a page's thousands of rows by six columns; each person's handful is sorted here instead.
        Map<String, List<BenefitFact>> byText = new HashMap<>(all.size() * 2);
        FactMapper mapper = new FactMapper(false);
        RowCallbackHandler group = rs -> {
            String text = rs.getString(1);
            List<BenefitFact> facts = byText.get(text);
            if (facts == null) {
                facts = new ArrayList<>(8);
                byText.put(text, facts);
            }
            facts.add(mapper.map(rs, text, facts.isEmpty() ? null : facts.get(0).personnummer()));
        };
        String where = " AND benefit IN (:benefits) AND (period_to IS NULL OR period_to >= :from)";
        boolean array = isPostgres();
        int slice = array ? PERSONS_PER_ARRAY_QUERY : PERSONS_PER_QUERY;
        for (int i = 0; i < all.size(); i += slice) {
            List<String> some = all.subList(i, Math.min(all.size(), i + slice));
            var statement = array
                    ? jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM register_fact WHERE personnummer = ANY (:persons)" + where)
                            .param("persons", new AbstractSqlTypeValue() {
                                @Override
                                protected Object createTypeValue(Connection connection, int sqlType, String typeName)
                                        throws SQLException {
                                    return connection.createArrayOf("varchar", some.toArray());
                                }
                            })
                    : jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM register_fact WHERE personnummer IN (:persons)" + where)
                            .param("persons", some);
            statement.param("benefits", codes(benefits))
                    .param("from", from)
                    .query(group);
        }
        Map<Personnummer, List<BenefitFact>> byPerson = new LinkedHashMap<>(byText.size() * 2);
        for (String text : all) {
            List<BenefitFact> facts = byText.get(text);
            if (facts != null) {
                facts.sort(FACT_ORDER);
                byPerson.put(facts.get(0).personnummer(), facts);
            }
        }
        return byPerson;
    }

    /**
     * The order of a person's current facts: {@link #ORDER} as PostgreSQL gives it, where these text
     * columns are {@code COLLATE "C"} (V13) — the codes are validated ASCII, so byte order is
     * {@link String#compareTo} — and as H2 gives it. The fact key's columns are among them, so no two
     * of a person's facts compare equal.
     */
    static final Comparator<BenefitFact> FACT_ORDER = (a, b) -> {
        int c = a.benefit().code().compareTo(b.benefit().code());
        if (c == 0) {
            c = a.periodFrom().compareTo(b.periodFrom());
        }
        if (c == 0) {
            c = a.decisionId().compareTo(b.decisionId());
        }
        if (c == 0) {
            LocalDate x = a.paymentDate();
            LocalDate y = b.paymentDate();
            c = x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
        }
        return c != 0 ? c : a.sourceSystem().compareTo(b.sourceSystem());
    };

    /**
     * What the register said about {@code person} for {@code benefits} on business date
     * {@code validOn} (the decision period covers it), as LEKA knew it at {@code knownAt}: the
     * versions recorded at or before {@code knownAt} and not yet superseded then.
     */
    public List<BenefitFact> factsAsOf(Personnummer person, Set<Benefit> benefits, LocalDate validOn, Instant knownAt) {
        if (benefits.isEmpty()) {
            return List.of();
        }
        LocalDateTime known = LocalDateTime.ofInstant(knownAt, ZoneOffset.UTC);
        return jdbc.sql("SELECT " + FACT_COLUMNS + " FROM register_fact_version WHERE personnummer = :person"
                        + " AND benefit IN (:benefits) AND period_from <= :on AND (period_to IS NULL OR period_to >= :on)"
                        + " AND recorded_at <= :known AND (superseded_at IS NULL OR superseded_at > :known)" + ORDER)
                .param("person", person.value())
                .param("benefits", codes(benefits))
                .param("on", validOn)
                .param("known", known)
                .query(new FactMapper()).list();
    }

    /** Every version of {@code person}'s facts, oldest knowledge first (for audits and full refreshes). */
    public List<BenefitFact> history(Personnummer person) {
        return jdbc.sql("SELECT " + FACT_COLUMNS + " FROM register_fact_version WHERE personnummer = ?"
                        + " ORDER BY recorded_at, source_system, benefit, decision_id, payment_date NULLS FIRST")
                .param(person.value()).query(new FactMapper()).list();
    }

    /**
     * Change-log entries with a sequence greater than {@code watermark} for any of {@code persons},
     * in sequence order, at most {@code limit}. Keep the last entry's sequence as the next watermark.
     */
    public List<ChangeLogEntry> changesAfter(long watermark, Collection<Personnummer> persons, int limit) {
        if (persons.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<ChangeLogEntry> changes = changeLogOf(persons, watermark, Long.MAX_VALUE, limit);
        return changes.size() > limit ? List.copyOf(changes.subList(0, limit)) : changes;
    }

    /**
     * The fact as each of the change-log entries {@code sequences} left it. A change is the version it
     * made ({@link ChangeLogEntry#sequence()} is that version's id), so this is the fact as LEKA knew it
     * right after that change, whatever was imported since. Unknown sequences are left out.
     */
    public List<BenefitFact> factsAsChangedBy(Collection<Long> sequences) {
        List<Long> all = sequences.stream().distinct().sorted().toList();
        List<BenefitFact> facts = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i += PERSONS_PER_QUERY) {
            facts.addAll(jdbc.sql("SELECT " + FACT_COLUMNS + " FROM register_fact_version WHERE version_id IN (:sequences)")
                    .param("sequences", all.subList(i, Math.min(all.size(), i + PERSONS_PER_QUERY)))
                    .query(new FactMapper()).list());
        }
        return facts;
    }

    /** The highest sequence in the change log (0 when empty): a starting watermark. */
    public long latestSequence() {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM register_change").query(Long.class).single();
    }

    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell which database the register is in", e);
            }
            postgres = known;
        }
        return known;
    }

    private static List<String> codes(Set<Benefit> benefits) {
        return benefits.stream().map(Benefit::code).collect(Collectors.toList());
    }

    /**
     * A row of {@link #FACT_COLUMNS} (or, not {@code full}, of {@link #DELIVERY_COLUMNS}: the knowledge
     * time left null) as a fact, the columns read by position. Rows that come ordered by person reuse
     * the last person's {@link Personnummer} instead of parsing the same number again (a delivery maps
     * millions of rows). One mapper per query.
     */
    private static final class FactMapper implements org.springframework.jdbc.core.RowMapper<BenefitFact> {
        private final boolean full;
        private String lastText;
        private Personnummer last;

        FactMapper() {
            this(true);
        }

        FactMapper(boolean full) {
            this.full = full;
        }

        @Override
        public BenefitFact mapRow(ResultSet rs, int row) throws SQLException {
            String personnummer = rs.getString(1);
            if (!personnummer.equals(lastText)) {
                last = Personnummer.parse(personnummer, LocalDate.MAX);
                lastText = personnummer;
            }
            return map(rs, personnummer, last);
        }

        /** The row whose first column is {@code personnummer}; {@code person} is it parsed, or null. */
        BenefitFact map(ResultSet rs, String personnummer, Personnummer person) throws SQLException {
            // FACT_COLUMNS: personnummer, protected_identity, source_system, benefit, decision_id, period_from,
            // period_to, extent, amount, amount_type, payment_date, paid_amount, status, source_changed_at,
            // extract_id, recorded_at
            if (person == null) {
                person = Personnummer.parse(personnummer, LocalDate.MAX);
            }
            String sourceSystem = rs.getString(3);
            String benefit = rs.getString(4);
            String decisionId = rs.getString(5);
            LocalDate paid = rs.getObject(11, LocalDate.class);
            return new BenefitFact(StagedRow.factKey(sourceSystem, personnummer, benefit, decisionId, paid),
                    person, rs.getBoolean(2), sourceSystem, Benefit.fromCode(benefit).orElseThrow(), decisionId,
                    rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
                    rs.getBigDecimal(8), rs.getBigDecimal(9), AmountType.fromCode(rs.getString(10)).orElseThrow(), paid,
                    rs.getBigDecimal(12), FactStatus.valueOf(rs.getString(13)),
                    full ? rs.getObject(14, LocalDateTime.class) : null, full ? rs.getString(15) : null,
                    full ? rs.getObject(16, LocalDateTime.class).toInstant(ZoneOffset.UTC) : null);
        }
    }

    private static ChangeLogEntry change(ResultSet rs, int row) throws SQLException {
        LocalDate paid = rs.getObject("payment_date", LocalDate.class);
        String fields = rs.getString("changed_fields");
        String personnummer = rs.getString("personnummer");
        String sourceSystem = rs.getString("source_system");
        String benefit = rs.getString("benefit");
        String decisionId = rs.getString("decision_id");
        return new ChangeLogEntry(rs.getLong("seq"), StagedRow.factKey(sourceSystem, personnummer, benefit, decisionId, paid),
                Personnummer.parse(personnummer, LocalDate.MAX), sourceSystem,
                Benefit.fromCode(benefit).orElseThrow(), decisionId,
                paid, ChangeKind.valueOf(rs.getString("change_kind")),
                fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")), rs.getString("extract_id"),
                rs.getObject("recorded_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }

    /**
     * The distinct persons with change-log entries in ({@code afterSequence}, {@code upToSequence}],
     * from {@code fromPerson} on (inclusive; null: from the first), in personnummer order, at most
     * {@code limit}. The daily change run reads the change log first — it is keyed by seq and a
     * night's window is small — and then looks up only the watches of these persons.
     */
    public List<Personnummer> changedPersons(long afterSequence, long upToSequence, Personnummer fromPerson, int limit) {
        if (afterSequence >= upToSequence || limit <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT DISTINCT personnummer FROM register_change
                WHERE seq > :after AND seq <= :upTo AND personnummer >= :from
                ORDER BY personnummer LIMIT :limit""")
                .param("after", afterSequence)
                .param("upTo", upToSequence)
                .param("from", fromPerson == null ? "" : fromPerson.value())
                .param("limit", limit)
                .query((rs, row) -> Personnummer.parse(rs.getString(1), LocalDate.MAX)).list();
    }

    /**
     * The change-log entries in ({@code afterSequence}, {@code upToSequence}] for any of
     * {@code persons}, in sequence order: a window with both ends fixed, so the answer does not
     * change with later imports.
     */
    public List<ChangeLogEntry> changesOf(Collection<Personnummer> persons, long afterSequence, long upToSequence) {
        if (persons.isEmpty() || afterSequence >= upToSequence) {
            return List.of();
        }
        return changeLogOf(persons, afterSequence, upToSequence, Integer.MAX_VALUE);
    }

    /**
     * Change-log entries in ({@code after}, {@code upTo}] of any of {@code persons}, in sequence
     * order; persons asked in slices of {@value #PERSONS_PER_QUERY}, each slice at most {@code limit}
     * entries (so the merged list may hold more: the caller cuts).
     */
    private List<ChangeLogEntry> changeLogOf(Collection<Personnummer> persons, long after, long upTo, int limit) {
        List<String> all = persons.stream().map(Personnummer::value).distinct().sorted().toList();
        List<ChangeLogEntry> merged = new ArrayList<>();
        for (int i = 0; i < all.size(); i += PERSONS_PER_QUERY) {
            merged.addAll(jdbc.sql("""
                    SELECT seq, personnummer, source_system, benefit, decision_id, payment_date, change_kind,
                           changed_fields, extract_id, recorded_at
                    FROM register_change WHERE personnummer IN (:persons) AND seq > :after AND seq <= :upTo
                    ORDER BY seq LIMIT :limit""")
                    .param("persons", all.subList(i, Math.min(all.size(), i + PERSONS_PER_QUERY)))
                    .param("after", after)
                    .param("upTo", upTo)
                    .param("limit", limit)
                    .query(RegisterReader::change).list());
        }
        merged.sort(Comparator.comparingLong(ChangeLogEntry::sequence));
        return merged;
    }
}
