package se.leka.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import se.leka.format.OrgNumber;

/**
 * The exchange room's directories under {@code leka.data-dir}: {@code sftp/} (one tree per login,
 * served by the embedded server, or the local spool in external mode), {@code archive/},
 * {@code quarantine/}, {@code incoming/} (files downloaded from an external server) and {@code ssh/}
 * (the embedded server's host key).
 */
@Component
class ExchangeDirectories {

    private final Path root;

    ExchangeDirectories(@Value("${leka.data-dir}") Path dataDir) {
        this.root = dataDir.toAbsolutePath().normalize();
    }

    Path logins() {
        return create(root.resolve("sftp"));
    }

    Path home(OrgNumber login) {
        return create(logins().resolve(login.value()));
    }

    Path mailbox(Mailbox mailbox) {
        return logins().resolve(mailbox.relativeDir());
    }

    Path inbox(Mailbox mailbox) {
        return create(mailbox(mailbox).resolve(Mailbox.INBOX));
    }

    Path outbox(Mailbox mailbox) {
        return create(mailbox(mailbox).resolve(Mailbox.OUTBOX));
    }

    Path archive() {
        return create(root.resolve("archive"));
    }

    Path quarantine() {
        return create(root.resolve("quarantine"));
    }

    Path incoming() {
        return create(root.resolve("incoming"));
    }

    Path hostKey() {
        return create(root.resolve("ssh")).resolve("ssh_host_ecdsa_key");
    }

    static Path create(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir, e);
        }
    }
}
