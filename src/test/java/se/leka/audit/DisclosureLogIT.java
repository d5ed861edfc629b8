package se.leka.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;
import se.leka.testsupport.DisclosureTampering;
import se.leka.testsupport.LekaIntegrationTest;
import se.leka.testsupport.TestDatabases;

@LekaIntegrationTest
class DisclosureLogIT {

    static final OrgNumber INSURER = OrgNumber.parse("5566778899");
    static final OrgNumber AGENT = OrgNumber.parse("5569988776");
    static final Personnummer ANNA = Personnummer.parse("200001012384");
    static final Personnummer BERTIL = Personnummer.parse("200001011493");

    @Autowired
    DisclosureLog log;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyLog() {
        // Tests in this class start from an empty chain; only the test itself may bypass the append-only rule.
        DisclosureTampering.tamper(jdbc, "DELETE FROM disclosure_record", "DELETE FROM disclosure_batch");
        jdbc.sql("UPDATE disclosure_chain_head SET last_seq = 0, last_hash = ? WHERE id = 1").param(DisclosureChain.GENESIS).update();
    }

    static Disclosure disclosure(Personnummer person, String file, OrgNumber agent) {
        return new Disclosure(INSURER, agent, person, "SAM", "SFB-SAM-FB", "SFB (2010:110) 110 kap. 39 §",
                EnumSet.of(BenefitFamily.SJUK, BenefitFamily.FORA), "AVT-2026-0001", file, 17L, 0);
    }

    @Test
    void appended_rows_are_found_by_person_recipient_and_file_and_chain_in_order() {
        log.append(List.of(disclosure(ANNA, "f1.txt", null), disclosure(BERTIL, "f1.txt", null)));
        log.append(List.of(disclosure(ANNA, "f2.txt", AGENT)));

        List<DisclosureEntry> anna = log.aboutPerson(ANNA);
        assertThat(anna).extracting(DisclosureEntry::seq).containsExactly(1L, 3L);
        assertThat(anna).extracting(DisclosureEntry::fileName).containsExactly("f1.txt", "f2.txt");
        assertThat(anna.get(1).agentOrg()).isEqualTo(AGENT.value());
        assertThat(anna.get(0).benefitFamilies()).isEqualTo("FORA,SJUK");
        assertThat(anna.get(0).jobExecutionId()).isEqualTo(17L);
        assertThat(log.forFile("f1.txt")).hasSize(2);
        assertThat(log.toRecipient(INSURER, LocalDate.now().minusDays(1), LocalDate.now())).hasSize(3);
        assertThat(log.toRecipient(INSURER, LocalDate.now().plusDays(1), LocalDate.now().plusDays(2))).isEmpty();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_log").query(Long.class).single()).isEqualTo(3L);
        assertThat(jdbc.sql("SELECT file_name, records FROM disclosure_batch ORDER BY batch_id")
                .query((rs, n) -> rs.getString(1) + " " + rs.getLong(2)).list())
                .as("what the rows of an append share, stored once").containsExactly("f1.txt 2", "f2.txt 1");
        assertThat(log.aboutPerson(BERTIL).get(0).previousHash()).isEqualTo(anna.get(0).rowHash());
        assertThat(log.verifyChain()).isEqualTo(ChainVerification.intact(3));
    }

    @Test
    void a_changed_row_is_found_by_verification() {
        log.append(IntStream.range(0, 5).mapToObj(i -> disclosure(i % 2 == 0 ? ANNA : BERTIL, "f" + i, null)).toList());
        DisclosureTampering.forge(jdbc, 3, "recipient_org", "5599001129");
        ChainVerification result = log.verifyChain();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3L);
        assertThat(result.problem()).contains("changed");
    }

    /** The fees are summed from the batches' counts: a changed count, or a batch added beside the rows, is found. */
    @Test
    void a_batch_whose_count_is_not_its_rows_is_found_by_verification() {
        log.append(List.of(disclosure(ANNA, "f1.txt", null), disclosure(BERTIL, "f1.txt", null)));
        log.append(List.of(disclosure(ANNA, "f2.txt", null)));
        assertThat(log.verifyChain().intact()).isTrue();

        DisclosureTampering.tamper(jdbc, "UPDATE disclosure_batch SET records = 20 WHERE batch_id = 3");
        assertThat(log.verifyChain()).satisfies(result -> {
            assertThat(result.firstBrokenSeq()).isEqualTo(3L);
            assertThat(result.problem()).contains("batch 3 says it holds 20 rows, it holds 1");
        });
        DisclosureTampering.tamper(jdbc, "UPDATE disclosure_batch SET records = 1 WHERE batch_id = 3",
                "INSERT INTO disclosure_batch (batch_id, disclosed_at, recipient_org, agent_org, purpose_code, legal_basis_id, "
                        + "statute_reference, benefit_families, agreement_id, file_name, job_execution_id, information_type, records) "
                        + "SELECT 99, disclosed_at, recipient_org, agent_org, purpose_code, legal_basis_id, statute_reference, "
                        + "benefit_families, agreement_id, 'invented.txt', job_execution_id, information_type, 500000 "
                        + "FROM disclosure_batch WHERE batch_id = 1");
        assertThat(log.verifyChain().problem()).contains("batch 99 says it holds 500000 rows, it holds 0");
    }

    @Test
    void a_row_whose_batch_is_gone_is_found_by_verification() {
        log.append(List.of(disclosure(ANNA, "f1.txt", null), disclosure(BERTIL, "f2.txt", null)));
        DisclosureTampering.tamper(jdbc, "DELETE FROM disclosure_batch WHERE batch_id = 2");
        assertThat(log.verifyChain()).satisfies(result -> {
            assertThat(result.firstBrokenSeq()).isEqualTo(2L);
            assertThat(result.problem()).contains("row 2 names batch 2, which does not exist");
        });
    }

    @Test
    void a_removed_row_is_found_by_verification() {
        log.append(IntStream.range(0, 5).mapToObj(i -> disclosure(ANNA, "f" + i, null)).toList());
        DisclosureTampering.tamper(jdbc, "DELETE FROM disclosure_record WHERE seq = 2");
        assertThat(log.verifyChain().firstBrokenSeq()).isEqualTo(2L);
    }

    @Test
    void removed_last_rows_are_found_by_verification() {
        log.append(IntStream.range(0, 5).mapToObj(i -> disclosure(ANNA, "f" + i, null)).toList());
        DisclosureTampering.tamper(jdbc, "DELETE FROM disclosure_record WHERE seq >= 4");
        ChainVerification result = log.verifyChain();
        assertThat(result.firstBrokenSeq()).isEqualTo(4L);
        assertThat(result.problem()).contains("last rows");
    }

    @Test
    void postgres_refuses_to_change_or_remove_a_row() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestDatabases.onPostgres(), "the append-only trigger exists on PostgreSQL");
        log.append(List.of(disclosure(ANNA, "f1.txt", null)));
        assertThatThrownBy(() -> jdbc.sql("UPDATE disclosure_batch SET file_name = 'x'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("UPDATE disclosure_record SET personnummer = ?").param(BERTIL.value()).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM disclosure_record").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM disclosure_batch").update())
                .hasMessageContaining("append-only");
    }
}
