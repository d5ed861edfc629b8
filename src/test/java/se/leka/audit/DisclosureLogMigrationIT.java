package se.leka.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;
import se.leka.testsupport.TestDatabases;

/**
 * V35 splits the disclosure log into batches and rows. A log written before it — rows with and
 * without an agent and a job execution, two appends of the same file — must come out of the
 * migration as the same rows, in the same order, with its chain intact, and go on from its head.
 */
class DisclosureLogMigrationIT {

    record OldRow(LocalDateTime at, String recipient, String agent, String person, String file, Long execution, int type) {
    }

    @Test
    void a_log_written_before_v35_reads_the_same_and_its_chain_goes_on() {
        TestDatabases.TestDatabase database = TestDatabases.create("disclosure_v35");
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(database.url(), database.username(),
                database.password(), true);
        try {
            var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
            if (database.schema() != null) {
                config.schemas(database.schema()).defaultSchema(database.schema());
            }
            config.target(MigrationVersion.fromVersion("34")).load().migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            LocalDateTime first = LocalDateTime.of(2026, 11, 2, 8, 0, 0, 123_456_000);
            LocalDateTime second = first.plusMinutes(5);
            List<OldRow> rows = List.of(
                    new OldRow(first, "5566778899", null, "200001012384", "5566778899_LEVE_20261102_0000001.txt", 7L, 0),
                    new OldRow(first, "5566778899", null, "200001011493", "5566778899_LEVE_20261102_0000001.txt", 7L, 0),
                    new OldRow(first, "2120997776", "5569988776", "200001062389", "2120997776_LEVE_20261102_0000001.txt", 7L, 0),
                    new OldRow(second, "5566778899", null, "200001012384", "5566778899_LEVE_20261102_0000001.txt", 7L, 1),
                    new OldRow(second, "5566778899", null, "200001011493", "5566778899_SVAR_20261102_0000001.txt", null, 0));
            String previous = DisclosureChain.GENESIS;
            List<String> hashes = new ArrayList<>();
            long seq = 0;
            for (OldRow r : rows) {
                seq++;
                String hash = DisclosureChain.hash(previous, seq, r.at(), r.recipient(), r.agent(), r.person(), "SAM",
                        "SFB-SAM-FB", "SFB (2010:110) 110 kap. 39 §", "FORA,SJUK", "AVT-2026-0001", r.file(), r.execution(), r.type());
                jdbc.sql("""
                        INSERT INTO disclosure_log (seq, disclosed_at, recipient_org, agent_org, personnummer, purpose_code,
                            legal_basis_id, statute_reference, benefit_families, agreement_id, file_name, job_execution_id,
                            information_type, previous_hash, row_hash)
                        VALUES (?, ?, ?, ?, ?, 'SAM', 'SFB-SAM-FB', 'SFB (2010:110) 110 kap. 39 §', 'FORA,SJUK', 'AVT-2026-0001', ?, ?, ?, ?, ?)""")
                        .params(seq, Timestamp.valueOf(r.at()), r.recipient(), r.agent(), r.person(), r.file(), r.execution(),
                                r.type(), previous, hash)
                        .update();
                hashes.add(hash);
                previous = hash;
            }
            jdbc.sql("UPDATE disclosure_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(seq, previous).update();

            config.target(MigrationVersion.LATEST).load().migrate();

            DisclosureLog log = new DisclosureLog(jdbc, new JdbcTemplate(dataSource));
            assertThat(log.verifyChain()).isEqualTo(ChainVerification.intact(5));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_batch").query(Long.class).single())
                    .as("one batch per append and recipient, file and kind").isEqualTo(4);
            assertThat(log.forFile("5566778899_LEVE_20261102_0000001.txt"))
                    .extracting(DisclosureEntry::seq, DisclosureEntry::personnummer, DisclosureEntry::informationType,
                            DisclosureEntry::rowHash)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1L, "200001012384", 0, hashes.get(0)),
                            org.assertj.core.groups.Tuple.tuple(2L, "200001011493", 0, hashes.get(1)),
                            org.assertj.core.groups.Tuple.tuple(4L, "200001012384", 1, hashes.get(3)));
            DisclosureEntry viaAgent = log.aboutPerson(Personnummer.parse("200001062389")).get(0);
            assertThat(viaAgent.agentOrg()).isEqualTo("5569988776");
            assertThat(viaAgent.disclosedAt()).isEqualTo(first);
            assertThat(viaAgent.previousHash()).isEqualTo(hashes.get(1));
            assertThat(log.aboutPerson(Personnummer.parse("200001011493")).get(1).jobExecutionId()).isNull();

            log.append(List.of(new Disclosure(OrgNumber.parse("5566778899"), null, Personnummer.parse("200001012384"), "SAM",
                    "SFB-SAM-FB", "SFB (2010:110) 110 kap. 39 §", EnumSet.of(BenefitFamily.SJUK), "AVT-2026-0001",
                    "5566778899_LEVE_20261103_0000002.txt", 8L, 1)));
            assertThat(log.verifyChain()).isEqualTo(ChainVerification.intact(6));
            assertThat(log.aboutPerson(Personnummer.parse("200001012384")).get(2).previousHash()).isEqualTo(hashes.get(4));
        } finally {
            dataSource.destroy();
            database.drop();
        }
    }
}
