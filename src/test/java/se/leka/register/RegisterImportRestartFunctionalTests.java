package se.leka.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.register.ImportOutcome.Result;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * A merge killed part-way (an injected failure at a checkpoint inside the merge transaction)
 * leaves the register exactly as it was — current facts, history, change log — and the next
 * attempt restarts the same job instance and completes it, with the same result as an
 * uninterrupted import.
 */
@LekaIntegrationTest(properties = "leka.register.archive-dir=${java.io.tmpdir}/leka-it-register/${random.uuid}")
class RegisterImportRestartFunctionalTests {

    static final AtomicReference<String> FAIL_AT = new AtomicReference<>();

    @TestConfiguration
    static class InjectedFailure {
        @Bean
        MergeCheckpoint failOnceAt() {
            return stage -> {
                if (stage.equals(FAIL_AT.get())) {
                    FAIL_AT.set(null);
                    throw new IllegalStateException("injected failure at merge stage " + stage);
                }
            };
        }
    }

    @Autowired
    RegisterImports imports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    javax.sql.DataSource dataSource;

    @TempDir
    Path drop;

    @BeforeEach
    void emptyRegister() {
        for (String table : List.of("register_fact_version", "register_extract",
                "register_staging", "register_diff", "batch_step_execution_context", "batch_step_execution",
                "batch_job_execution_context", "batch_job_execution_params", "batch_job_execution", "batch_job_instance")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"diff", "new-versions", "supersede", "applied"})
    void a_merge_killed_midway_changes_nothing_and_a_restart_completes_it(String stage) {
        imports.importFile(RegisterTestFiles.copy(RegisterTestFiles.SNAPSHOT, drop));
        String afterSnapshot = register();

        Path delta = importFailingAt(stage, RegisterTestFiles.DELTA_1, afterSnapshot);
        assertThat(jdbc.sql("SELECT status FROM register_extract WHERE extract_id = 'FKFORMAN-20260303-D'")
                .query(String.class).single()).isEqualTo("STAGED");

        ImportOutcome restarted = imports.importFile(delta);

        assertThat(restarted.result()).isEqualTo(Result.APPLIED);
        assertThat(List.of(restarted.newFacts(), restarted.changedFacts(), restarted.endedFacts(), restarted.withdrawnFacts()))
                .containsExactly(2L, 2L, 0L, 1L);
        assertThat(jdbc.sql("""
                SELECT e.status FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = 'register-import' ORDER BY e.job_execution_id""").query(String.class).list())
                .containsExactly("COMPLETED", "FAILED", "COMPLETED");
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT job_instance_id) FROM batch_job_instance WHERE job_name = 'register-import'")
                .query(Long.class).single()).isEqualTo(2L);
        List<String> deltaEntries = jdbc.sql("""
                SELECT change_kind || ' ' || decision_id FROM register_change
                WHERE extract_id = 'FKFORMAN-20260303-D' ORDER BY seq""").query(String.class).list();
        assertThat(deltaEntries).containsExactly("CHANGED SJ00004", "CHANGED FP00001", "NEW SJ80002", "WITHDRAWN FP00005",
                "NEW SE00003");
        // every fact has exactly one current version
        assertThat(jdbc.sql("SELECT COUNT(*) FROM register_fact").query(Long.class).single())
                .isEqualTo(jdbc.sql("SELECT COUNT(DISTINCT fact_key) FROM register_change").query(Long.class).single());
    }

    /**
     * The first extract into an empty register takes the first-load path (straight into the store in
     * the stage step, its indexes dropped and built again after the load). Killed at any point, it leaves
     * the register empty with every index as it was; the restart gives the golden change log.
     */
    @ParameterizedTest
    @ValueSource(strings = {"loaded", "indexes", "applied"})
    void an_initial_load_killed_midway_leaves_the_register_empty_and_a_restart_completes_it(String stage) throws Exception {
        String emptyRegister = register();
        List<String> indexes = indexes();
        assertThat(indexes).anyMatch(i -> i.startsWith("register_fact_version:register_fact_version_by_person:"))
                .anyMatch(i -> i.endsWith(":version_id"));

        Path snapshot = importFailingAt(stage, RegisterTestFiles.SNAPSHOT, emptyRegister);
        assertThat(indexes()).isEqualTo(indexes);

        ImportOutcome restarted = imports.importFile(snapshot);

        long rows = RegisterTestFiles.lines(RegisterTestFiles.SNAPSHOT).size() - 2;
        assertThat(restarted.result()).isEqualTo(Result.APPLIED);
        assertThat(List.of(restarted.newFacts(), restarted.withdrawnFacts())).containsExactly(rows - 1, 1L);
        assertThat(indexes()).isEqualTo(indexes);
        assertThat(jdbc.sql("""
                SELECT personnummer || ';' || benefit || ';' || decision_id || ';' || COALESCE(CAST(payment_date AS VARCHAR(10)), '')
                       || ';' || change_kind || ';' || changed_fields || ';' || extract_id
                FROM register_change ORDER BY seq""").query(String.class).list())
                .containsExactlyElementsOf(RegisterTestFiles.expected("expected-change-log.csv").stream()
                        .filter(line -> line.endsWith(";FKFORMAN-20260302-S")).toList());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM register_fact").query(Long.class).single()).isEqualTo(rows);
    }

    /**
     * Imports {@code sample} with a failure injected at merge checkpoint {@code stage}: the import
     * fails with that failure, the register is still {@code registerBefore} and the file stays for
     * the restart, whose path is returned.
     */
    private Path importFailingAt(String stage, String sample, String registerBefore) {
        FAIL_AT.set(stage);
        Path file = RegisterTestFiles.copy(sample, drop);
        ImportOutcome failed = imports.importFile(file);

        assertThat(failed.result()).isEqualTo(Result.FAILED);
        assertThat(failed.message()).contains("injected failure at merge stage " + stage);
        assertThat(register()).isEqualTo(registerBefore);
        assertThat(file).exists();
        return file;
    }

    /** The indexes of the register's tables ("table:index:columns"), from the JDBC metadata (PostgreSQL and H2). */
    private List<String> indexes() throws java.sql.SQLException {
        List<String> indexes = new java.util.ArrayList<>();
        try (java.sql.Connection connection = dataSource.getConnection()) {
            var metadata = connection.getMetaData();
            for (String table : List.of("register_fact_version")) {
                java.util.Map<String, String> columns = new java.util.TreeMap<>();
                try (var rs = metadata.getIndexInfo(null, connection.getSchema(), table, false, false)) {
                    while (rs.next()) {
                        if (rs.getString("INDEX_NAME") != null) {
                            columns.merge(rs.getString("INDEX_NAME"), rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT),
                                    (a, b) -> a + "," + b);
                        }
                    }
                }
                columns.forEach((index, cols) -> indexes.add(table + ":" + index.toLowerCase(java.util.Locale.ROOT) + ":" + cols));
            }
        }
        return indexes;
    }

    /** Everything a merge may touch, as one comparable text. */
    private String register() {
        return String.join("\n", jdbc.sql("""
                SELECT fact_key || '|' || status || '|' || amount || '|' || extract_id || '|' || recorded_at FROM register_fact
                ORDER BY fact_key""").query(String.class).list())
                + "\n--\n" + String.join("\n", jdbc.sql("""
                SELECT c.fact_key || '|' || v.status || '|' || v.recorded_at || '|' || COALESCE(CAST(v.superseded_at AS VARCHAR(40)), '-')
                FROM register_fact_version v JOIN register_change c ON c.seq = v.version_id ORDER BY v.version_id""").query(String.class).list())
                + "\n--\n" + String.join("\n", jdbc.sql("""
                SELECT seq || '|' || fact_key || '|' || change_kind FROM register_change ORDER BY seq""")
                .query(String.class).list());
    }
}
