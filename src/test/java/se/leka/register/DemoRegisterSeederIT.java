package se.leka.register;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.testsupport.LekaIntegrationTest;

/**
 * The embedded default's demo register: the sample extracts are imported at start-up in the order
 * they must be applied (snapshot, then the deltas) — so the register holds exactly the golden
 * change log — and the samples themselves stay where they are.
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true",
        "leka.register.archive-dir=${java.io.tmpdir}/leka-it-register/${random.uuid}"})
class DemoRegisterSeederIT {

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_demo_extracts_are_applied_in_order_and_the_samples_stay_in_place() {
        assertThat(jdbc.sql("SELECT extract_id FROM register_extract WHERE status = 'APPLIED' ORDER BY applied_at")
                .query(String.class).list())
                .containsExactly("FKFORMAN-20260302-S", "FKFORMAN-20260303-D", "FKFORMAN-20260304-D");
        assertThat(jdbc.sql("""
                SELECT personnummer || ';' || benefit || ';' || decision_id || ';' || COALESCE(CAST(payment_date AS VARCHAR(10)), '')
                       || ';' || change_kind || ';' || changed_fields || ';' || extract_id
                FROM register_change ORDER BY seq""").query(String.class).list())
                .containsExactlyElementsOf(RegisterTestFiles.expected("expected-change-log.csv"));
        assertThat(RegisterTestFiles.SAMPLES.resolve(RegisterTestFiles.SNAPSHOT)).exists();
        assertThat(RegisterTestFiles.SAMPLES.resolve(RegisterTestFiles.DELTA_1)).exists();
    }
}
