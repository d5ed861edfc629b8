package se.leka.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import se.leka.format.Benefit;
import se.leka.format.Personnummer;
import se.leka.testsupport.TestDatabases.TestDatabase;

/**
 * The order of a person's current facts, held on each database: the reader sorts them itself, and
 * must give exactly what {@link RegisterReader}'s former {@code ORDER BY} gave — benefit, period from,
 * decision id in byte order (upper case before lower, '-' before digits), payment date with the
 * decision (no payment date) first, source system. The rows go in scrambled, so that the order the
 * database happens to return them in is not the one asked for.
 */
final class RegisterFactOrder {

    static final Personnummer MANY = Personnummer.parse("200001012384");
    static final Personnummer FEW = Personnummer.parse("200001011493");
    static final Personnummer NONE = Personnummer.parse("200001012392");
    static final LocalDate FROM = LocalDate.parse("2026-01-01");
    static final EnumSet<Benefit> ASKED = EnumSet.of(Benefit.SJUKPENNING, Benefit.FORALDRAPENNING, Benefit.AKTIVITETSERSATTNING);

    /** "benefit period_from decision_id payment_date source_system", in the order expected. */
    static final List<String> MANY_IN_ORDER = List.of(
            "AKE 2026-09-01 AK00001 null FKFORMAN",
            "FORP 2026-06-01 FP00001 null FKFORMAN",
            "SJPN 2026-01-01 SJ-1 null FKFORMAN",
            "SJPN 2026-01-01 SJ00002 null FKAKASSA",
            "SJPN 2026-01-01 SJ00002 null FKFORMAN",
            "SJPN 2026-01-01 SJ00002 2026-01-25 FKFORMAN",
            "SJPN 2026-01-01 SJ00002 2026-02-25 FKAKASSA",
            "SJPN 2026-01-01 SJ00002 2026-02-25 FKFORMAN",
            "SJPN 2026-01-01 SJ00010 null FKFORMAN",
            "SJPN 2026-01-01 sj00001 null FKFORMAN",
            "SJPN 2026-03-01 SJ00001 null FKFORMAN");
    static final List<String> FEW_IN_ORDER = List.of(
            "FORP 2025-06-01 FP00009 null FKFORMAN",
            "SJPN 2026-02-01 SJ00001 2026-02-25 FKFORMAN");

    private RegisterFactOrder() {
    }

    static void check(TestDatabase database) {
        // One connection for all: H2 evaluates a check constraint in the session that created it, so
        // the migration's session must outlive the inserts.
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(database.url(), database.username(),
                database.password(), true);
        try {
            migrate(dataSource, database.schema());
            JdbcClient jdbc = JdbcClient.create(dataSource);
            insertScrambled(jdbc);
            RegisterReader reader = new RegisterReader(jdbc, dataSource);

            Map<Personnummer, List<BenefitFact>> read = reader.currentFacts(List.of(NONE, MANY, FEW, MANY), ASKED, FROM);

            assertThat(read.keySet()).containsExactly(FEW, MANY);
            assertThat(read.get(MANY)).extracting(RegisterFactOrder::describe).containsExactlyElementsOf(MANY_IN_ORDER);
            assertThat(read.get(FEW)).extracting(RegisterFactOrder::describe).containsExactlyElementsOf(FEW_IN_ORDER);
            assertThat(reader.currentFacts(MANY, ASKED, FROM)).isEqualTo(read.get(MANY));
            assertThat(reader.currentFacts(NONE, ASKED, FROM)).isEmpty();
            assertThat(sortedBySql(jdbc, MANY)).containsExactlyElementsOf(MANY_IN_ORDER);
            assertThat(sortedBySql(jdbc, FEW)).containsExactlyElementsOf(FEW_IN_ORDER);
            assertThat(read.get(MANY).get(0)).satisfies(f -> {
                assertThat(f.factKey()).isEqualTo("FKFORMAN|200001012384|AKE|AK00001|");
                assertThat(f.recordedAt()).isNull();
            });
        } finally {
            dataSource.destroy();
            database.drop();
        }
    }

    private static void migrate(DataSource dataSource, String schema) {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        config.load().migrate();
    }

    private static void insertScrambled(JdbcClient jdbc) {
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < MANY_IN_ORDER.size(); i++) {
            // every third, from the back: 10, 7, 4, 1, 9, 6, ...
            rows.add(MANY.value() + " " + MANY_IN_ORDER.get(MANY_IN_ORDER.size() - 1 - (i * 3) % MANY_IN_ORDER.size()));
        }
        assertThat(rows).doesNotHaveDuplicates().hasSize(MANY_IN_ORDER.size());
        rows.add(1, FEW.value() + " " + FEW_IN_ORDER.get(1));
        rows.add(FEW.value() + " " + FEW_IN_ORDER.get(0));
        for (String row : rows) {
            insert(jdbc, row, null, null);
        }
        // neither is a current fact from 2026-01-01: a superseded version, a period ended before it
        insert(jdbc, MANY.value() + " SJPN 2026-01-01 SJ00002 null FKFORMAN", "2025-12-31", "2026-02-01T00:00");
        insert(jdbc, MANY.value() + " SJPN 2025-01-01 SJ00000 null FKFORMAN", "2025-12-31", null);
    }

    private static void insert(JdbcClient jdbc, String row, String periodTo, String supersededAt) {
        String[] f = row.split(" ");
        Benefit benefit = Benefit.fromCode(f[1]).orElseThrow();
        boolean payment = !f[4].equals("null");
        jdbc.sql("""
                INSERT INTO register_fact_version (personnummer, protected_identity, source_system, benefit_family, benefit,
                    decision_id, period_from, period_to, extent, amount, amount_type, payment_date, paid_amount, status,
                    source_changed_at, extract_id, recorded_at, superseded_at, change_kind, changed_fields)
                VALUES (?, FALSE, ?, ?, ?, ?, ?, ?, 100.00, 812.50, 'DAG', ?, ?, 'GRANTED',
                    TIMESTAMP '2026-03-02 10:00:00', 'FKFORMAN-20260302-S', TIMESTAMP '2026-03-02 11:00:00', ?, 'NEW', '')""")
                .params(f[0], f[5], benefit.family().code(), f[1], f[3], LocalDate.parse(f[2]),
                        periodTo == null ? null : LocalDate.parse(periodTo),
                        payment ? LocalDate.parse(f[4]) : null, payment ? new java.math.BigDecimal("4062.50") : null,
                        supersededAt == null ? null : java.time.LocalDateTime.parse(supersededAt))
                .update();
    }

    /** The order the reader's SQL used to ask for, on this database. */
    private static List<String> sortedBySql(JdbcClient jdbc, Personnummer person) {
        return jdbc.sql("""
                SELECT benefit || ' ' || CAST(period_from AS VARCHAR(10)) || ' ' || decision_id || ' '
                       || COALESCE(CAST(payment_date AS VARCHAR(10)), 'null') || ' ' || source_system
                FROM register_fact WHERE personnummer = ? AND benefit IN ('SJPN', 'FORP', 'AKE')
                AND (period_to IS NULL OR period_to >= DATE '2026-01-01')
                ORDER BY benefit, period_from, decision_id, payment_date NULLS FIRST, source_system""")
                .param(person.value()).query(String.class).list();
    }

    private static String describe(BenefitFact f) {
        return f.benefit().code() + " " + f.periodFrom() + " " + f.decisionId() + " " + f.paymentDate() + " " + f.sourceSystem();
    }
}
