package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.leka.testsupport.LekaIntegrationTest;

/**
 * External SFTP server mode: LEKA as a client (Spring Integration SFTP, key authentication, strict
 * known-hosts) of an "external" server — here an Apache MINA SSHD server started by the test with
 * the partner tree layout under one service account — through the same intake and delivery code.
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", "leka.demo.dir=sample-files/demo", "leka.exchange.mode=external",
        "leka.exchange.external.user=leka", "leka.exchange.external.poll-interval=PT1H", "leka.exchange.external.stable-age=PT0S"})
class ExternalSftpClientIT {

    static SshServer external;
    static Path remoteRoot;

    @DynamicPropertySource
    static void externalServer(DynamicPropertyRegistry registry) throws Exception {
        Path work = Files.createTempDirectory("leka-external-it");
        remoteRoot = Files.createDirectories(work.resolve("remote"));
        Path clientKey = Files.copy(OpenSsh.DEMO_KEYS.resolve("5566778899"), work.resolve("leka_client_key"), StandardCopyOption.REPLACE_EXISTING);
        PublicKey accepted = SftpLogins.parse(Files.readString(OpenSsh.DEMO_KEYS.resolve("5566778899.pub")));

        external = SshServer.setUpDefaultServer();
        external.setPort(0);
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(work.resolve("external_host_key"));
        hostKey.setAlgorithm(KeyUtils.EC_ALGORITHM);
        external.setKeyPairProvider(hostKey);
        external.setPublickeyAuthenticator((user, key, session) -> "leka".equals(user) && KeyUtils.compareKeys(accepted, key));
        external.setFileSystemFactory(new VirtualFileSystemFactory(remoteRoot));
        external.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
        external.start();
        Path knownHosts = Files.writeString(work.resolve("known_hosts"), "[localhost]:" + external.getPort() + " "
                + PublicKeyEntry.toString(hostKey.loadKeys(null).iterator().next().getPublic()) + "\n");

        registry.add("leka.data-dir", () -> work.resolve("data").toString());
        registry.add("leka.exchange.external.host", () -> "localhost");
        registry.add("leka.exchange.external.port", () -> external.getPort());
        registry.add("leka.exchange.external.private-key", clientKey::toString);
        registry.add("leka.exchange.external.known-hosts", knownHosts::toString);
    }

    @AfterAll
    static void stopExternal() throws IOException {
        external.stop(true);
    }

    @Autowired
    ExternalSftpExchange client;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void polls_the_remote_inbox_takes_only_complete_stable_files_and_delivers_the_receipt_to_the_remote_outbox() throws Exception {
        assertThat(context.getBeanNamesForType(EmbeddedSftpServer.class)).as("no embedded server in external mode").isEmpty();
        Path inbox = Files.createDirectories(remoteRoot.resolve("5566778899/inbox"));
        String name = "5566778899_BEST_20261130_0000001.txt";
        Path sample = Path.of("sample-files/intake").resolve(name);
        Files.copy(sample, inbox.resolve(name + ".part"));
        Files.writeString(inbox.resolve(name), "00BEST");

        assertThat(client.pollOnce()).as("first sight: not yet known to be stable").isZero();
        Files.copy(sample, inbox.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        assertThat(client.pollOnce()).as("size changed since the last poll: still being written").isZero();
        assertThat(client.pollOnce()).as("unchanged for stable-age").isEqualTo(1);

        assertThat(inbox.resolve(name)).doesNotExist();
        assertThat(inbox.resolve(name + ".part")).as("a temporary name is never taken").exists();
        String sha256 = Checksums.sha256(sample);
        assertThat(jdbc.sql("SELECT status FROM inbound_file WHERE file_name = ? AND sha256 = ?").params(name, sha256)
                .query(String.class).single()).as("handed to order-intake").isEqualTo("ROUTED");

        Path outbox = remoteRoot.resolve("5566778899/outbox");
        List<Path> delivered;
        try (var files = Files.list(outbox)) {
            delivered = files.toList();
        }
        assertThat(delivered).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).matches("5566778899_KVIT_\\d{8}_0000001\\.txt"));
        Receipt receipt = Receipts.read(Files.readAllBytes(delivered.get(0)));
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(receipt.sha256()).isEqualTo(sha256);

        assertThat(client.pollOnce()).as("nothing left to take").isZero();
    }
}
