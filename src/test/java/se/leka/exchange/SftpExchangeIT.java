package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.leka.agreement.Assignment;
import se.leka.agreement.Assignments;
import se.leka.format.OrgNumber;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The embedded SFTP server driven by the OpenSSH {@code sftp} client, as partners use it: the demo
 * partners and their DEMO ONLY keys, uploads under {@code .part} and rename, intake, receipts,
 * and the isolation between logins. The tests run in order: they share one partner's sequence.
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", "leka.demo.dir=sample-files/demo", "leka.exchange.sftp.port=0"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SftpExchangeIT {

    static final String INSURER = "5566778899";
    static final String BROKER = "5599001129";
    static final String AGENT = "5569988776";
    static final String MUNICIPALITY = "2120997776";
    static final String ENDED = "5561234567";
    static final Path SAMPLES = Path.of("sample-files/intake");
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TestDataDir.register(registry, "leka-sftp-it");
    }

    @Autowired
    EmbeddedSftpServer server;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Assignments assignments;

    OpenSsh openSsh() throws IOException {
        return new OpenSsh(dataDir.resolveSibling(dataDir.getFileName() + "-client"), server.port(), server.hostKeyEntry());
    }

    String status(String fileName, String login) {
        return jdbc.sql("SELECT status FROM inbound_file WHERE file_name = ? AND login = ? ORDER BY inbound_file_id DESC")
                .params(fileName, login).query(String.class).list().stream().findFirst().orElse(null);
    }

    Receipt receiptFor(long inboundFileId) throws IOException {
        Long outbound = jdbc.sql("SELECT receipt_file_id FROM inbound_file WHERE inbound_file_id = ?").param(inboundFileId)
                .query(Long.class).single();
        String name = jdbc.sql("SELECT file_name FROM outbound_file WHERE outbound_file_id = ?").param(outbound).query(String.class).single();
        Path fetched = dataDir.resolveSibling(dataDir.getFileName() + "-client").resolve(name);
        return Receipts.read(Files.readAllBytes(fetched));
    }

    long lastInboundId(String fileName) {
        return jdbc.sql("SELECT MAX(inbound_file_id) FROM inbound_file WHERE file_name = ?").param(fileName).query(Long.class).single();
    }

    /** Uploads a sample under .part, renames it, waits until intake has written its receipt, fetches the receipt. */
    Receipt send(OpenSsh ssh, String login, String dir, String sample) throws Exception {
        Path local = SAMPLES.resolve(sample).toAbsolutePath();
        long before = jdbc.sql("SELECT COUNT(*) FROM inbound_file WHERE file_name = ?").param(sample).query(Long.class).single();
        OpenSsh.Result put = ssh.sftp(login, "put " + local + " " + dir + "/inbox/" + sample + ".part",
                "rename " + dir + "/inbox/" + sample + ".part " + dir + "/inbox/" + sample);
        assertThat(put.ok()).as(put.output()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM inbound_file WHERE file_name = ? AND receipt_file_id IS NOT NULL").param(sample)
                .query(Long.class).single() > before);
        long id = lastInboundId(sample);
        String receiptName = jdbc.sql("SELECT o.file_name FROM outbound_file o JOIN inbound_file i ON i.receipt_file_id = o.outbound_file_id"
                + " WHERE i.inbound_file_id = ?").param(id).query(String.class).single();
        OpenSsh.Result get = ssh.sftp(login, "get " + dir + "/outbox/" + receiptName);
        assertThat(get.ok()).as(get.output()).isTrue();
        return receiptFor(id);
    }

    @Test
    @Order(1)
    void a_partner_uploads_an_order_file_with_openssh_and_intake_records_archives_and_receipts_it() throws Exception {
        OpenSsh ssh = openSsh();
        String sample = "5566778899_BEST_20261130_0000001.txt";

        Receipt receipt = send(ssh, INSURER, "", sample);

        long id = lastInboundId(sample);
        InboundFile file = jdbc.sql("SELECT inbound_file_id FROM inbound_file WHERE inbound_file_id = ?").param(id)
                .query(Long.class).optional().map(x -> inboundFiles.find(x).orElseThrow()).orElseThrow();
        assertThat(file.status()).as("the order room routes BEST files to order-intake").isEqualTo(InboundFileStatus.ROUTED);
        assertThat(file.sha256()).isEqualTo(Checksums.sha256(SAMPLES.resolve(sample)));
        assertThat(file.mailbox()).isEqualTo(Mailbox.of(OrgNumber.parse(INSURER)));
        assertThat(file.recordCount()).isEqualTo(2);
        assertThat(file.storedPath()).startsWith(dataDir.resolve("archive")).hasSameBinaryContentAs(SAMPLES.resolve(sample));
        assertThat(dataDir.resolve("sftp").resolve(INSURER).resolve("inbox")).isEmptyDirectory();

        assertThat(receipt.kind()).isEqualTo(Receipt.Kind.INTAKE);
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(receipt.receivedFileName()).isEqualTo(sample);
        assertThat(receipt.sha256()).isEqualTo(file.sha256());
        assertThat(receipt.sequenceNumber()).isEqualTo(1);
        assertThat(receipt.recordsInFile()).isEqualTo(2);
        assertThat(receipt.errors()).isEmpty();
    }

    @Autowired
    InboundFiles inboundFiles;

    @Test
    @Order(2)
    void the_same_file_uploaded_again_is_recognised_as_a_duplicate_and_not_processed() throws Exception {
        Receipt receipt = send(openSsh(), INSURER, "", "5566778899_BEST_20261130_0000001.txt");

        assertThat(receipt.status()).isEqualTo(ReceiptStatus.REJECTED);
        assertThat(receipt.errors()).extracting(ReceiptError::code).containsExactly("DUPLICATE_FILE");
        assertThat(status("5566778899_BEST_20261130_0000001.txt", INSURER)).isEqualTo("DUPLICATE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_file WHERE status IN ('AWAITING_JOB', 'ROUTED', 'ACCEPTED')")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void a_sequence_gap_is_rejected_with_a_receipt() throws Exception {
        Receipt receipt = send(openSsh(), INSURER, "", "5566778899_BEST_20261130_0000003.txt");

        assertThat(receipt.status()).isEqualTo(ReceiptStatus.REJECTED);
        assertThat(receipt.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("SEQUENCE_GAP");
            assertThat(e.field()).isEqualTo("sequenceNumber");
            assertThat(e.lineNumber()).isEqualTo(1);
        });
        assertThat(status("5566778899_BEST_20261130_0000003.txt", INSURER)).isEqualTo("REJECTED");
    }

    @Test
    @Order(4)
    void an_agent_sends_for_its_principal_from_the_principals_subtree_and_gets_the_receipt_there() throws Exception {
        Receipt receipt = send(openSsh(), AGENT, INSURER, "5566778899_BEST_20261130_0000002.txt");

        assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(receipt.sequenceNumber()).as("the agent continues the principal's sequence").isEqualTo(2);
        InboundFile file = inboundFiles.find(lastInboundId("5566778899_BEST_20261130_0000002.txt")).orElseThrow();
        assertThat(file.mailbox()).isEqualTo(Mailbox.viaAgent(OrgNumber.parse(AGENT), OrgNumber.parse(INSURER)));
    }

    @Test
    @Order(5)
    void the_same_sequence_number_again_is_rejected_as_a_duplicate_sequence() throws Exception {
        Path changed = dataDir.resolveSibling(dataDir.getFileName() + "-samples");
        Files.createDirectories(changed);
        // Same name and sequence number as an accepted file, different bytes (another created time).
        String name = "5566778899_BEST_20261130_0000002.txt";
        List<String> lines = Files.readAllLines(SAMPLES.resolve("5566778899_BEST_20261130_0000001.txt"), java.nio.charset.StandardCharsets.ISO_8859_1);
        lines.set(0, lines.get(0).replace("00000012026-11-30T08:15:00", "00000022026-11-30T11:00:00"));
        Files.write(changed.resolve(name), lines, java.nio.charset.StandardCharsets.ISO_8859_1);
        OpenSsh ssh = openSsh();
        OpenSsh.Result put = ssh.sftp(INSURER, "put " + changed.resolve(name) + " inbox/" + name + ".part",
                "rename inbox/" + name + ".part inbox/" + name);
        assertThat(put.ok()).as(put.output()).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> "REJECTED".equals(status(name, INSURER)));
        InboundFile file = inboundFiles.find(lastInboundId(name)).orElseThrow();
        assertThat(file.errorCode()).isEqualTo("DUPLICATE_SEQUENCE");
        assertThat(file.errorField()).isEqualTo("sequenceNumber");
    }

    @Test
    @Order(6)
    void a_file_still_under_its_temporary_name_is_never_picked_up() throws Exception {
        OpenSsh ssh = openSsh();
        Path sample = SAMPLES.resolve("5566778899_BEST_20261130_0000003.txt").toAbsolutePath();
        OpenSsh.Result half = ssh.sftp(INSURER, "put " + sample + " inbox/5566778899_BEST_20261130_0000003.txt.part");
        assertThat(half.ok()).as(half.output()).isTrue();

        // Something that is picked up, uploaded after the .part file: once it is recorded, intake has
        // seen the inbox change after the .part arrived.
        Receipt later = send(ssh, INSURER, "", "5566778899_BEST_20261130_0000004.txt");

        assertThat(later.errors()).extracting(ReceiptError::code).containsExactly("START_RECORD_INVALID");
        assertThat(later.errors().get(0).field()).isEqualTo("created");
        assertThat(status("5566778899_BEST_20261130_0000004.txt", INSURER)).isEqualTo("QUARANTINED");
        assertThat(dataDir.resolve("quarantine")).isDirectoryContaining("glob:**_5566778899_BEST_20261130_0000004.txt");
        assertThat(dataDir.resolve("sftp").resolve(INSURER).resolve("inbox").resolve("5566778899_BEST_20261130_0000003.txt.part")).exists();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_file WHERE file_name LIKE '%.part'").query(Long.class).single()).isZero();
        OpenSsh.Result listing = ssh.sftp(INSURER, "ls -1 inbox");
        assertThat(listing.output()).contains("5566778899_BEST_20261130_0000003.txt.part");
    }

    @Test
    @Order(7)
    void partner_a_can_neither_list_read_nor_write_anything_of_partner_b() throws Exception {
        OpenSsh ssh = openSsh();
        Path brokerOutbox = Files.createDirectories(dataDir.resolve("sftp").resolve(BROKER).resolve("outbox"));
        Files.writeString(brokerOutbox.resolve("5599001129_LEVE_20261130_0000001.txt"), "broker's delivery");
        Path upload = SAMPLES.resolve("5566778899_BEST_20261130_0000001.txt").toAbsolutePath();

        OpenSsh.Result root = ssh.sftp(INSURER, "cd ..", "cd ..", "pwd", "ls -1a");
        assertThat(root.ok()).as(root.output()).isTrue();
        assertThat(root.output()).contains("inbox", "outbox").doesNotContain(BROKER).doesNotContain("archive");

        for (String attempt : List.of("ls /" + BROKER, "ls ../" + BROKER + "/outbox", "get /" + BROKER + "/outbox/5599001129_LEVE_20261130_0000001.txt",
                "get ../../" + BROKER + "/outbox/5599001129_LEVE_20261130_0000001.txt", "put " + upload + " /" + BROKER + "/inbox/x.txt",
                "put " + upload + " ../" + BROKER + "/inbox/x.txt", "mkdir /" + BROKER, "mkdir inbox/sub", "put " + upload + " outbox/x.txt",
                "get inbox/5566778899_BEST_20261130_0000003.txt.part", "symlink inbox outbox/link")) {
            OpenSsh.Result result = ssh.sftp(INSURER, attempt);
            assertThat(result.ok()).as(attempt + " must fail: " + result.output()).isFalse();
        }
        assertThat(brokerOutbox).isDirectoryContaining("glob:**5599001129_LEVE_20261130_0000001.txt");
        assertThat(dataDir.resolve("sftp").resolve(BROKER).resolve("inbox")).doesNotExist();
    }

    @Test
    @Order(8)
    void an_agent_sees_only_principals_with_an_assignment_in_force_and_loses_one_the_moment_it_ends() throws Exception {
        OpenSsh ssh = openSsh();
        Path upload = SAMPLES.resolve("5566778899_BEST_20261130_0000001.txt").toAbsolutePath();

        OpenSsh.Result root = ssh.sftp(AGENT, "ls -1");
        assertThat(root.ok()).as(root.output()).isTrue();
        assertThat(root.output()).contains(INSURER, MUNICIPALITY).doesNotContain(BROKER);
        assertThat(ssh.sftp(AGENT, "put " + upload + " " + BROKER + "/inbox/x.txt.part").ok())
                .as("assignment for the broker ended 2026-09-01").isFalse();
        assertThat(ssh.sftp(AGENT, "ls " + BROKER + "/outbox").ok()).isFalse();

        Assignment municipality = assignments.ofAgent(OrgNumber.parse(AGENT)).stream()
                .filter(a -> a.principal().value().equals(MUNICIPALITY)).findFirst().orElseThrow();
        assertThat(ssh.sftp(AGENT, "ls " + MUNICIPALITY + "/outbox").ok()).isTrue();
        assignments.end(municipality.id(), java.time.LocalDate.now(ExchangeTime.SWEDEN));

        OpenSsh.Result after = ssh.sftp(AGENT, "ls -1");
        assertThat(after.output()).contains(INSURER).doesNotContain(MUNICIPALITY);
        assertThat(ssh.sftp(AGENT, "ls " + MUNICIPALITY + "/outbox").ok()).isFalse();
        assertThat(ssh.sftp(AGENT, "put " + upload + " " + MUNICIPALITY + "/inbox/x.txt.part").ok()).isFalse();
    }

    @Test
    @Order(9)
    void a_login_whose_agreement_has_ended_is_refused() throws Exception {
        OpenSsh.Result result = openSsh().sftp(ENDED, "ls");

        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("Permission denied");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sftp_public_key WHERE login = ?").param(ENDED).query(Long.class).single())
                .as("the key is registered: it is the agreement that refuses").isEqualTo(1);
    }
}
