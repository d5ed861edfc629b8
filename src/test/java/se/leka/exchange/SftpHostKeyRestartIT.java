package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import se.leka.LekaExchangeApplication;

/**
 * The embedded server keeps its host key across a restart: a client that trusted the key of the
 * first run connects to the second with strict host-key checking and the same known_hosts entry.
 */
class SftpHostKeyRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void the_host_key_survives_a_restart_so_known_hosts_stays_valid() throws Exception {
        String trustedKey;
        String fingerprint;
        try (ConfigurableApplicationContext app = start()) {
            EmbeddedSftpServer server = app.getBean(EmbeddedSftpServer.class);
            trustedKey = server.hostKeyEntry();
            fingerprint = server.hostKeyFingerprint();
            OpenSsh.Result first = new OpenSsh(dataDir.resolve("client-1"), server.port(), trustedKey).sftp("5566778899", "ls");
            assertThat(first.ok()).as(first.output()).isTrue();
        }
        assertThat(dataDir.resolve("ssh/ssh_host_ecdsa_key")).isRegularFile();

        try (ConfigurableApplicationContext again = start()) {
            EmbeddedSftpServer server = again.getBean(EmbeddedSftpServer.class);
            assertThat(server.hostKeyFingerprint()).isEqualTo(fingerprint);
            OpenSsh.Result second = new OpenSsh(dataDir.resolve("client-2"), server.port(), trustedKey).sftp("5566778899", "ls");
            assertThat(second.ok()).as("strict host-key checking against the first run's key: " + second.output()).isTrue();

            OpenSsh.Result wrongKey = new OpenSsh(dataDir.resolve("client-3"), server.port(),
                    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=")
                    .sftp("5566778899", "ls");
            assertThat(wrongKey.ok()).as("the check is real: another key is refused").isFalse();
        }
    }

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(LekaExchangeApplication.class, "--server.port=0", "--leka.exchange.sftp.port=0",
                "--leka.data-dir=" + dataDir, "--leka.demo.dir=sample-files/demo");
    }
}
