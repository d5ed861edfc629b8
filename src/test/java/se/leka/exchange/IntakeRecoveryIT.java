package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.format.OrgNumber;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * A crash in the middle of intake — after the file was recorded, before its bytes were moved to the
 * archive, or after it was decided but before its receipt — is finished by the recovery that runs
 * at start-up: the file is processed exactly once, keeps its one row, and gets exactly one receipt.
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", "leka.demo.dir=sample-files/demo"})
class IntakeRecoveryIT {

    static final Mailbox INSURER = Mailbox.of(OrgNumber.parse("5566778899"));
    static final String NAME = "5566778899_BEST_20261130_0000001.txt";

    @Autowired
    Intake intake;
    @Autowired
    InboundFileStore store;
    @Autowired
    ExchangeDirectories directories;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_file_recorded_but_not_yet_archived_when_the_process_died_is_taken_once_at_recovery() throws Exception {
        Path inbox = Files.createDirectories(directories.inbox(INSURER));
        Path uploaded = Files.copy(Path.of("sample-files/order").resolve(NAME), inbox.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
        // What take() had done when the crash came: the row, with the archive path it was about to use.
        long id = store.insertReceived(NAME, Files.size(uploaded), Checksums.sha256(uploaded), INSURER, OffsetDateTime.now(),
                uploaded, null);
        store.storedAt(id, directories.archive().resolve("crash").resolve(id + "_" + NAME));

        intake.recover(true);
        intake.recover(true); // a second start-up changes nothing

        assertThat(uploaded).as("taken out of the inbox").doesNotExist();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_file").query(Long.class).single()).as("still one row").isEqualTo(1);
        InboundFile file = store.find(id).orElseThrow();
        assertThat(file.status()).isIn(InboundFileStatus.ROUTED, InboundFileStatus.ACCEPTED);
        assertThat(file.storedPath()).exists().hasSameBinaryContentAs(Path.of("sample-files/order").resolve(NAME));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_file WHERE output_key = ?")
                .param(Receipts.outputKey(id, Receipt.Kind.INTAKE)).query(Long.class).single()).as("one intake receipt").isEqualTo(1);
    }
}
