package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.leka.format.EndRecord;
import se.leka.format.FileType;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The order flow end to end, as a partner sees it (in this package for the SFTP test helpers): the
 * demo insurer uploads a sample order file with OpenSSH's {@code sftp}, intake routes it to
 * {@code order-intake}, and the partner downloads the job's receipt and the complete delivery.
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", "leka.demo.dir=sample-files/demo", "leka.exchange.sftp.port=0"})
class OrderFileOverSftpFunctionalTests {

    static final String INSURER = "5566778899";
    static final String ORDER = "5566778899_BEST_20261130_0000001.txt";
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TestDataDir.register(registry, "leka-order-sftp-it");
    }

    @Autowired
    EmbeddedSftpServer server;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_partner_uploads_an_order_and_downloads_its_receipt_and_delivery() throws Exception {
        Path client = dataDir.resolveSibling(dataDir.getFileName() + "-client");
        OpenSsh ssh = new OpenSsh(client, server.port(), server.hostKeyEntry());
        Path order = Path.of("sample-files/order").resolve(ORDER).toAbsolutePath();

        OpenSsh.Result put = ssh.sftp(INSURER, "put " + order + " inbox/" + ORDER + ".part",
                "rename inbox/" + ORDER + ".part inbox/" + ORDER);
        assertThat(put.ok()).as(put.output()).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM outbound_file WHERE file_type = 'LEVE' AND status = 'DELIVERED'").query(Long.class).single() == 1);
        // Receipts first (intake's, then the job's, by their sequence numbers), then the delivery.
        List<String> outbox = jdbc.sql("SELECT file_name FROM outbound_file WHERE party = ? ORDER BY file_type, sequence_number")
                .param(INSURER).query(String.class).list();
        assertThat(outbox).as("intake receipt, the job's receipt, the delivery").hasSize(3);
        assertThat(outbox.get(2)).contains("_LEVE_");

        OpenSsh.Result get = ssh.sftp(INSURER, outbox.stream().map(name -> "get outbox/" + name).toArray(String[]::new));
        assertThat(get.ok()).as(get.output()).isTrue();

        Receipt intake = Receipts.read(Files.readAllBytes(client.resolve(outbox.get(0))));
        Receipt records = Receipts.read(Files.readAllBytes(client.resolve(outbox.get(1))));
        assertThat(intake.kind()).isEqualTo(Receipt.Kind.INTAKE);
        assertThat(records.kind()).isEqualTo(Receipt.Kind.RECORDS);
        assertThat(records.status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(records.recordsAccepted()).isEqualTo(3);

        List<String> delivery = Files.readAllLines(client.resolve(outbox.get(2)), StrictCharset.FILES);
        assertThat(StartRecord.parse(delivery.get(0)).fileType()).isEqualTo(FileType.LEVE);
        assertThat(delivery).filteredOn(l -> l.startsWith("40")).hasSize(3);
        assertThat(EndRecord.parse(delivery.get(delivery.size() - 1)).recordCount()).isEqualTo(delivery.size() - 2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_log WHERE file_name = ?").param(outbox.get(2))
                .query(Long.class).single()).isEqualTo(3);
    }
}
