package se.leka.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.format.Benefit;
import se.leka.format.Personnummer;
import se.leka.register.ImportOutcome.Result;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The register import end to end on the sample extracts: snapshot → delta → delta gives exactly the
 * change log and history of {@code src/test/resources/register/expected-*.csv} (written by
 * {@code sample-files/register/make_samples.py} from its own model of the rules); error rows are
 * reported with line and reason; a re-import is a no-op; a snapshot that drops facts ends them.
 * Test methods share the class's schema, so each starts by emptying the register and the job repository.
 */
@LekaIntegrationTest(properties = "leka.register.archive-dir=${java.io.tmpdir}/leka-it-register/${random.uuid}")
class RegisterImportFunctionalTests {

    @Autowired
    RegisterImports imports;
    @Autowired
    RegisterReader reader;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RegisterDatabase database;

    @TempDir
    Path drop;

    @org.junit.jupiter.api.BeforeEach
    void emptyRegister() {
        for (String table : List.of("register_fact_version", "register_extract",
                "register_staging", "register_diff", "batch_step_execution_context", "batch_step_execution",
                "batch_job_execution_context", "batch_job_execution_params", "batch_job_execution", "batch_job_instance")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    @Test
    void snapshot_then_two_deltas_give_the_expected_change_log_and_history() throws Exception {
        ImportOutcome snapshot = imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.SNAPSHOT, drop));
        long snapshotRows = RegisterTestFiles.lines(RegisterTestFiles.SNAPSHOT).size() - 2;
        assertThat(snapshot.result()).isEqualTo(Result.APPLIED);
        assertThat(snapshot.stagedRows()).isEqualTo(snapshotRows);
        assertThat(snapshot.newFacts()).isEqualTo(snapshotRows - 1);
        assertThat(snapshot.withdrawnFacts()).isEqualTo(1);
        assertThat(snapshot.errorReport()).isNull();
        Instant afterSnapshot = Instant.now();

        ImportOutcome delta1 = imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.DELTA_1, drop));
        assertThat(delta1.result()).isEqualTo(Result.APPLIED);
        assertThat(delta1.errorRows()).isEqualTo(2);
        assertThat(delta1.stagedRows()).isEqualTo(6);
        assertThat(List.of(delta1.newFacts(), delta1.changedFacts(), delta1.endedFacts(), delta1.withdrawnFacts()))
                .containsExactly(2L, 2L, 0L, 1L);
        assertThat(Files.readAllLines(delta1.errorReport(), StandardCharsets.UTF_8)).containsExactly(
                "line;field;code;message",
                "6;personnummer;PERSONNUMMER_CHECK_DIGIT;personnummer check digit does not match",
                "9;period_from;DATE;must be a real date YYYY-MM-DD");
        assertThat(delta1.archivedAs()).exists().hasFileName(RegisterTestFiles.DELTA_1);
        assertThat(delta1.errorReport()).hasFileName(RegisterTestFiles.DELTA_1 + ".errors.csv");
        assertThat(drop.resolve(RegisterTestFiles.DELTA_1)).doesNotExist();

        // the delta's own entries, spelled out in the order of its lines (they are also part of the golden file below)
        List<String> delta1Entries = changeLog().stream().filter(e -> e.endsWith("FKFORMAN-20260303-D")).toList();
        assertThat(delta1Entries).containsExactly(
                "200001022383;SJPN;SJ00004;;CHANGED;amount;FKFORMAN-20260303-D",
                "200001011493;FORP;FP00001;;CHANGED;extent,status;FKFORMAN-20260303-D",
                "200001012392;SJPN;SJ80002;;NEW;;FKFORMAN-20260303-D",
                "200001022391;FORP;FP00005;;WITHDRAWN;status;FKFORMAN-20260303-D",
                "200001018928;SJE;SE00003;2026-03-02;NEW;;FKFORMAN-20260303-D");
        Instant afterDelta1 = Instant.now();

        ImportOutcome delta2 = imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.DELTA_2, drop));
        assertThat(delta2.result()).isEqualTo(Result.APPLIED);
        assertThat(List.of(delta2.newFacts(), delta2.changedFacts(), delta2.endedFacts(), delta2.withdrawnFacts()))
                .containsExactly(0L, 2L, 1L, 0L);

        assertThat(changeLog()).containsExactlyElementsOf(RegisterTestFiles.expected("expected-change-log.csv"));
        assertThat(history()).containsExactlyElementsOf(RegisterTestFiles.expected("expected-history.csv"));
        List<Long> sequence = jdbc.sql("SELECT seq FROM register_change ORDER BY seq").query(Long.class).list();
        assertThat(sequence).isSorted().doesNotHaveDuplicates();

        // read API: current state, as-of (bitemporal), change log after a watermark
        Personnummer sick = Personnummer.parse("200001022383");
        assertThat(reader.currentFacts(sick, EnumSet.of(Benefit.SJUKPENNING), LocalDate.parse("2026-03-01")))
                .singleElement().satisfies(f -> {
                    assertThat(f.status()).isEqualTo(FactStatus.ENDED);
                    assertThat(f.periodTo()).isEqualTo("2026-03-06");
                    assertThat(f.amount()).isEqualByComparingTo("860.00");
                });
        assertThat(reader.currentFacts(sick, EnumSet.of(Benefit.SJUKPENNING), LocalDate.parse("2026-03-07"))).isEmpty();
        assertThat(reader.currentFacts(sick, EnumSet.of(Benefit.FORALDRAPENNING), LocalDate.parse("2026-01-01"))).isEmpty();
        LocalDate april = LocalDate.parse("2026-04-15");
        assertThat(reader.factsAsOf(sick, Set.of(Benefit.SJUKPENNING), april, afterSnapshot))
                .extracting(BenefitFact::amount, BenefitFact::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(new BigDecimal("804.00"), FactStatus.GRANTED));
        assertThat(reader.factsAsOf(sick, Set.of(Benefit.SJUKPENNING), april, afterDelta1))
                .extracting(BenefitFact::amount).containsExactly(new BigDecimal("860.00"));
        assertThat(reader.factsAsOf(sick, Set.of(Benefit.SJUKPENNING), april, Instant.now())).isEmpty();
        assertThat(reader.factsAsOf(sick, Set.of(Benefit.SJUKPENNING), april, afterSnapshot.minusSeconds(3600))).isEmpty();
        assertThat(reader.history(sick)).hasSize(3);

        long watermark = sequence.get((int) snapshotRows - 1);
        List<ChangeLogEntry> after = reader.changesAfter(watermark,
                List.of(sick, Personnummer.parse("200001062389"), Personnummer.parse("200001011493")), 100);
        assertThat(after).extracting(e -> e.personnummer().value() + " " + e.kind() + " " + e.changedFields())
                .containsExactly("200001022383 CHANGED [amount]", "200001011493 CHANGED [extent, status]",
                        "200001022383 ENDED [period_to, status]", "200001062389 CHANGED [protected_identity]");
        assertThat(reader.changesAfter(watermark, List.of(sick), 1)).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ChangeKind.CHANGED));
        assertThat(reader.changesAfter(after.get(after.size() - 1).sequence(), List.of(sick), 10)).isEmpty();
        assertThat(reader.latestSequence()).isEqualTo(sequence.get(sequence.size() - 1));
    }

    @Test
    void the_persons_of_a_watermark_query_may_be_more_than_one_query_holds() {
        imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.SNAPSHOT, drop));
        List<Personnummer> everyone = new ArrayList<>();
        RegisterTestFiles.lines(RegisterTestFiles.SNAPSHOT).stream().filter(l -> l.startsWith("10;"))
                .map(l -> Personnummer.parse(l.split(";")[1])).distinct().forEach(everyone::add);
        RegisterTestFiles.expected("../skatteverket/testpersonnummer-2000-2009.csv").stream().skip(300).limit(700)
                .map(Personnummer::parse).forEach(everyone::add);
        assertThat(everyone).hasSizeGreaterThan(RegisterReader.PERSONS_PER_QUERY);
        long total = jdbc.sql("SELECT COUNT(*) FROM register_change").query(Long.class).single();
        List<ChangeLogEntry> all = reader.changesAfter(0, everyone, 10_000);
        assertThat(all).hasSize((int) total).isSortedAccordingTo(java.util.Comparator.comparingLong(ChangeLogEntry::sequence));
        assertThat(reader.changesAfter(0, everyone, 7)).extracting(ChangeLogEntry::sequence)
                .containsExactlyElementsOf(all.subList(0, 7).stream().map(ChangeLogEntry::sequence).toList());
    }

    @Test
    void importing_the_same_extract_again_changes_nothing_and_says_so() {
        imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.SNAPSHOT, drop));
        String before = registerFingerprint();

        ImportOutcome again = imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.SNAPSHOT, drop));
        assertThat(again.result()).isEqualTo(Result.ALREADY_IMPORTED);
        assertThat(again.message()).contains("imported before").contains("FKFORMAN-20260302-S").contains("nothing changed");
        assertThat(again.archivedAs()).exists();
        assertThat(registerFingerprint()).isEqualTo(before);

        // same extract id, different bytes (CRLF line ends): refused, nothing changed
        List<String> lines = RegisterTestFiles.lines(RegisterTestFiles.SNAPSHOT);
        Path crlf = RegisterTestFiles.write(drop, "REG_FKFORMAN_20260302_0001_resent_SNAPSHOT.txt",
                List.of(String.join("\r\n", lines)));
        ImportOutcome reused = imports.importFile(crlf);
        assertThat(reused.result()).isEqualTo(Result.REJECTED);
        assertThat(reused.message()).startsWith("EXTRACT_ID_REUSED");
        assertThat(registerFingerprint()).isEqualTo(before);
    }

    @Test
    void a_snapshot_that_no_longer_holds_a_fact_ends_or_withdraws_it() {
        imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.SNAPSHOT, drop));
        List<String> rows = RegisterTestFiles.lines(RegisterTestFiles.SNAPSHOT).stream()
                .filter(l -> l.startsWith("10;"))
                // begun on 2026-01-05: ENDED; begins 2026-03-16, after the snapshot date: WITHDRAWN;
                // withdrawn already: stays as it is
                .filter(l -> !l.contains(";SJ00000;2026-01-05;2026-04-30;") && !l.contains(";GR00001;")
                        && !l.contains(";FP90010;"))
                .toList();
        List<String> next = new ArrayList<>();
        next.add("00;LEKAREG;1;FKFORMAN-20260309-S;SNAPSHOT;FKFORMAN;2026-03-09T02:00:00");
        next.addAll(rows);
        next.add("99;FKFORMAN-20260309-S;" + rows.size());
        ImportOutcome second = imports.importFile(RegisterTestFiles.write(drop, "REG_FKFORMAN_20260309_0005_SNAPSHOT.txt", next));

        assertThat(second.result()).isEqualTo(Result.APPLIED);
        assertThat(changeLog().stream().filter(e -> e.endsWith("FKFORMAN-20260309-S")).toList()).containsExactly(
                "200001011493;GRAV;GR00001;;WITHDRAWN;status;FKFORMAN-20260309-S",
                "200001012384;SJPN;SJ00000;;ENDED;status;FKFORMAN-20260309-S");
        Personnummer p = Personnummer.parse("200001012384");
        assertThat(reader.currentFacts(p, EnumSet.of(Benefit.SJUKPENNING), LocalDate.parse("2026-01-01")))
                .extracting(f -> f.decisionId() + " " + f.paymentDate() + " " + f.status())
                .containsExactly("SJ00000 null ENDED", "SJ00000 2026-02-25 GRANTED");

        // the same content once more under a new extract id: the ended facts stay ended, nothing new
        next.set(0, next.get(0).replace("20260309-S", "20260310-S"));
        next.set(next.size() - 1, next.get(next.size() - 1).replace("20260309-S", "20260310-S"));
        ImportOutcome third = imports.importFile(RegisterTestFiles.write(drop, "REG_FKFORMAN_20260310_0006_SNAPSHOT.txt", next));
        assertThat(third.result()).isEqualTo(Result.APPLIED);
        assertThat(List.of(third.newFacts(), third.changedFacts(), third.endedFacts(), third.withdrawnFacts()))
                .containsOnly(0L);
    }

    @Test
    void a_snapshot_with_an_invalid_row_is_rejected_whole_and_reported() throws Exception {
        ImportOutcome rejected = imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.INVALID_SNAPSHOT, drop));

        assertThat(rejected.result()).isEqualTo(Result.REJECTED);
        assertThat(rejected.message()).startsWith("SNAPSHOT_WITH_ERRORS");
        assertThat(Files.readAllLines(rejected.errorReport(), StandardCharsets.UTF_8)).containsExactly(
                "line;field;code;message",
                "7;extent;EXTENT;extent must be 100, 75, 50, 25, 12.5 or empty");
        assertThat(rejected.archivedAs()).exists();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM register_fact").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM register_change").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM register_staging").query(Long.class).single()).isZero();
    }

    @Test
    void a_fact_repeated_in_a_delta_is_reported_at_every_occurrence_and_the_rest_applied() throws Exception {
        imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.SNAPSHOT, drop));
        List<String> lines = new ArrayList<>(RegisterTestFiles.lines(RegisterTestFiles.DELTA_2));
        int details = lines.size() - 2;
        lines.add(lines.size() - 1, lines.get(1).replace(";2026-03-", ";2026-02-"));
        lines.set(lines.size() - 1, lines.get(lines.size() - 1).replaceAll(";\\d+$", ";" + (details + 1)));

        ImportOutcome outcome = imports.importFile(RegisterTestFiles.write(drop, RegisterTestFiles.DELTA_2, lines));

        assertThat(outcome.result()).isEqualTo(Result.APPLIED);
        assertThat(outcome.errorRows()).isEqualTo(2);
        assertThat(outcome.stagedRows()).isEqualTo(details - 1);
        assertThat(Files.readAllLines(outcome.errorReport(), StandardCharsets.UTF_8)).containsExactly(
                "line;field;code;message",
                "2;-;DUPLICATE_FACT;the same fact (source system, personnummer, benefit, decision id, payment date) occurs more than once in the extract",
                (details + 2) + ";-;DUPLICATE_FACT;the same fact (source system, personnummer, benefit, decision id, payment date) occurs more than once in the extract");
    }

    /**
     * The first extract of a source system is loaded straight into the register; a fact it repeats is
     * found there, its lines by reading the file again, and taken out before the extract is applied.
     */
    @Test
    void a_fact_repeated_in_a_first_load_is_reported_at_every_occurrence_and_the_rest_applied() throws Exception {
        List<String> lines = new ArrayList<>(RegisterTestFiles.lines(RegisterTestFiles.DELTA_2));
        int details = lines.size() - 2;
        String repeated = lines.get(1);
        lines.add(lines.size() - 1, repeated.replace(";2026-03-", ";2026-02-"));
        lines.set(lines.size() - 1, lines.get(lines.size() - 1).replaceAll(";\\d+$", ";" + (details + 1)));

        ImportOutcome outcome = imports.importFile(RegisterTestFiles.write(drop, RegisterTestFiles.DELTA_2, lines));

        assertThat(outcome.result()).isEqualTo(Result.APPLIED);
        assertThat(List.of(outcome.errorRows(), outcome.stagedRows(), outcome.newFacts(), outcome.withdrawnFacts()))
                .containsExactly(2L, (long) details - 1, (long) details - 1, 0L);
        assertThat(Files.readAllLines(outcome.errorReport(), StandardCharsets.UTF_8)).containsExactly(
                "line;field;code;message",
                "2;-;DUPLICATE_FACT;the same fact (source system, personnummer, benefit, decision id, payment date) occurs more than once in the extract",
                (details + 2) + ";-;DUPLICATE_FACT;the same fact (source system, personnummer, benefit, decision id, payment date) occurs more than once in the extract");
        String[] fact = repeated.split(";", -1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM register_fact_version WHERE personnummer = ? AND decision_id = ?")
                .params(fact[1], fact[5]).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM register_change").query(Long.class).single()).isEqualTo(details - 1);
    }

    @Test
    void a_truncated_extract_is_rejected_whole_even_as_a_delta() {
        List<String> lines = new ArrayList<>(RegisterTestFiles.lines(RegisterTestFiles.DELTA_2));
        lines.remove(2);
        ImportOutcome truncated = imports.importFile(RegisterTestFiles.write(drop, "REG_FKFORMAN_20260304_0003_DELTA.txt", lines));
        assertThat(truncated.result()).isEqualTo(Result.REJECTED);
        assertThat(truncated.message()).isEqualTo("ROW_COUNT: the end record declares 3 detail records, the file has 2");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM register_change").query(Long.class).single()).isZero();
    }

    @Test
    void the_first_extract_of_another_source_system_is_loaded_whole_beside_the_register() {
        imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.SNAPSHOT, drop));
        imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.DELTA_1, drop));
        List<String> before = changeLog();
        // another source system's snapshot, larger than the register so far (every sample fact twice,
        // under two decision ids): none of its facts can be in the register, so it is loaded without a
        // diff (on PostgreSQL with the register's indexes built again afterwards)
        List<String[]> rows = new ArrayList<>();
        for (String line : RegisterTestFiles.lines(RegisterTestFiles.SNAPSHOT)) {
            if (line.startsWith("10;")) {
                for (String suffix : List.of("", "X")) {
                    String[] f = line.split(";", -1);
                    f[5] = f[5] + suffix;
                    rows.add(f);
                }
            }
        }
        List<String> file = new ArrayList<>();
        file.add("00;LEKAREG;1;FKTEST-20260305-S;SNAPSHOT;FKTEST;2026-03-05T02:00:00");
        rows.forEach(f -> file.add(String.join(";", f)));
        file.add("99;FKTEST-20260305-S;" + rows.size());

        ImportOutcome other = imports.importFile(RegisterTestFiles.write(drop, "REG_FKTEST_20260305_0001_SNAPSHOT.txt", file));

        assertThat(other.result()).isEqualTo(Result.APPLIED);
        long withdrawn = rows.stream().filter(f -> f[13].equals("WITHDRAWN")).count();
        assertThat(List.of(other.newFacts(), other.changedFacts(), other.endedFacts(), other.withdrawnFacts()))
                .containsExactly(rows.size() - withdrawn, 0L, 0L, withdrawn);
        // the change log: the earlier entries untouched, then one entry per fact in the order of the lines
        List<String> expected = rows.stream()
                .map(f -> String.join(";", f[1], f[4], f[5], f[11], f[13].equals("WITHDRAWN") ? "WITHDRAWN" : "NEW", "",
                        "FKTEST-20260305-S"))
                .toList();
        List<String> after = changeLog();
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after.subList(before.size(), after.size())).containsExactlyElementsOf(expected);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM register_fact WHERE source_system = 'FKTEST'").query(Long.class).single())
                .isEqualTo(rows.size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM register_fact WHERE source_system = 'FKFORMAN' AND extract_id LIKE 'FKTEST%'")
                .query(Long.class).single()).isZero();
        if (database.isPostgres()) {
            assertThat(jdbc.sql("""
                    SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema()
                      AND tablename = 'register_fact_version'""")
                    .query(Long.class).single()).as("the register's indexes, built again").isEqualTo(2L);
        }

        // and its next extract is merged as usual, against its own facts only
        ImportOutcome delta = imports.importFile(RegisterTestFiles.write(drop, "REG_FKTEST_20260306_0002_DELTA.txt", List.of(
                "00;LEKAREG;1;FKTEST-20260306-D;DELTA;FKTEST;2026-03-06T02:00:00",
                String.join(";", rows.get(0)).replace(";GRANTED;", ";ENDED;"),
                "99;FKTEST-20260306-D;1")));
        assertThat(List.of(delta.newFacts(), delta.changedFacts(), delta.endedFacts(), delta.withdrawnFacts()))
                .containsExactly(0L, 0L, 1L, 0L);
    }

    /** The change log in sequence order, as the golden file writes it. */
    private List<String> changeLog() {
        return jdbc.sql("""
                SELECT personnummer, benefit, decision_id, payment_date, change_kind, changed_fields, extract_id
                FROM register_change ORDER BY seq""")
                .query((rs, i) -> String.join(";", rs.getString(1), rs.getString(2), rs.getString(3),
                        text(rs.getObject(4, LocalDate.class)), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    /** Every version, with the extract that superseded it, as the golden file writes it. */
    private List<String> history() {
        return jdbc.sql("""
                SELECT v.personnummer, v.benefit, v.decision_id, v.payment_date, v.status, v.protected_identity,
                       v.period_to, v.extent, v.amount, v.paid_amount, v.extract_id,
                       (SELECT n.extract_id FROM register_fact_version n
                        WHERE n.source_system = v.source_system AND n.personnummer = v.personnummer AND n.benefit = v.benefit
                          AND n.decision_id = v.decision_id AND n.payment_date IS NOT DISTINCT FROM v.payment_date
                          AND n.recorded_at = v.superseded_at) AS superseded_by
                FROM register_fact_version v
                ORDER BY v.personnummer, v.benefit, v.decision_id, v.payment_date, v.extract_id""")
                .query((rs, i) -> String.join(";", rs.getString(1), rs.getString(2), rs.getString(3),
                        text(rs.getObject(4, LocalDate.class)), rs.getString(5), rs.getBoolean(6) ? "J" : "N",
                        text(rs.getObject(7, LocalDate.class)), number(rs.getBigDecimal(8)),
                        rs.getBigDecimal(9).toPlainString(), rs.getBigDecimal(10) == null ? "" : rs.getBigDecimal(10).toPlainString(),
                        rs.getString(11), text(rs.getString(12))))
                .list();
    }

    private String registerFingerprint() {
        return jdbc.sql("SELECT COUNT(*) FROM register_change").query(Long.class).single() + "/"
                + jdbc.sql("SELECT COUNT(*) FROM register_fact_version").query(Long.class).single() + "/"
                + jdbc.sql("SELECT COUNT(*) FROM register_fact").query(Long.class).single() + "/"
                + jdbc.sql("SELECT MAX(recorded_at) FROM register_fact").query(String.class).single();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String number(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
