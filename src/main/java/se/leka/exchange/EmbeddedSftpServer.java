package se.leka.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import se.leka.format.FileName;
import se.leka.format.OrgNumber;

/**
 * The SFTP server of the embedded default (Apache MINA SSHD): public-key authentication against
 * {@code sftp_public_key}, no password or keyboard-interactive login, no shell, no forwarding, each
 * login chrooted to {@code <data-dir>/sftp/<login>/} with {@link SftpAccessGuard}'s rules, and a
 * host key generated once into {@code <data-dir>/ssh/} so that partners' {@code known_hosts} stay valid.
 * A rename inside an inbox to a name without {@code .part} hands the file to {@link Intake}.
 */
class EmbeddedSftpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSftpServer.class);

    private final ExchangeProperties.Sftp settings;
    private final ExchangeDirectories directories;
    private final ExchangeAccess access;
    private final SftpLogins logins;
    private final Intake intake;
    private SshServer server;
    private SimpleGeneratorHostKeyProvider hostKeys;

    EmbeddedSftpServer(ExchangeProperties properties, ExchangeDirectories directories, ExchangeAccess access,
                       SftpLogins logins, Intake intake) {
        this.settings = properties.sftp();
        this.directories = directories;
        this.access = access;
        this.logins = logins;
        this.intake = intake;
    }

    @Override
    public void start() {
        SftpAccessGuard guard = new SftpAccessGuard(access);
        hostKeys = new SimpleGeneratorHostKeyProvider(directories.hostKey());
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);

        server = SshServer.setUpDefaultServer();
        server.setHost(settings.bindAddress());
        server.setPort(settings.port());
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setPublickeyAuthenticator(this::authenticate);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setFileSystemFactory(new VirtualFileSystemFactory() {
            @Override
            public Path getUserHomeDir(SessionContext session) {
                return directories.home(OrgNumber.parse(session.getUsername()));
            }
        });
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().withFileSystemAccessor(guard).build();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown) {
                if (thrown == null) {
                    renamed(guard, session, dstPath);
                }
            }
        });
        server.setSubsystemFactories(List.of(sftp));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SFTP server on port " + settings.port(), e);
        }
        log.info("SFTP server listening on port {}; host key {} {} (partners' known_hosts: \"[host]:{} {}\")",
                port(), hostPublicKey().getAlgorithm(), hostKeyFingerprint(), port(), hostKeyEntry());
    }

    private boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (!OrgNumber.isValid(username)) {
            log.info("SFTP login refused: '{}' is not an organisationsnummer", username.replaceAll("[^0-9A-Za-z-]", "?"));
            return false;
        }
        OrgNumber login = OrgNumber.parse(username);
        boolean keyMatches = logins.publicKeys(login).stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
        if (!keyMatches) {
            log.info("SFTP login {} refused: key {} is not one of its keys", login.value(), KeyUtils.getFingerPrint(key));
            return false;
        }
        List<Mailbox> mailboxes = access.mailboxes(login);
        if (mailboxes.isEmpty()) {
            log.warn("SFTP login {} refused: no agreement active today (or, for an agent, no assignment in force)", login.value());
            return false;
        }
        mailboxes.forEach(m -> {
            directories.inbox(m);
            directories.outbox(m);
        });
        log.debug("SFTP login {} accepted with key {}", login.value(), KeyUtils.getFingerPrint(key));
        return true;
    }

    private void renamed(SftpAccessGuard guard, ServerSession session, Path dstPath) {
        try {
            SftpAccessGuard.Target target = guard.target(OrgNumber.parse(session.getUsername()), dstPath);
            if (target.isFile() && target.inInbox() && !FileName.isUploadInProgress(target.fileName())) {
                intake.submit(directories.inbox(target.mailbox()).resolve(target.fileName()), target.mailbox());
            }
        } catch (IOException e) {
            log.warn("Renamed file {} of login {} is out of reach; not taken", dstPath, session.getUsername());
        }
    }

    /** The port the server listens on (the bound one when configured as 0). */
    int port() {
        return server.getPort();
    }

    PublicKey hostPublicKey() {
        try {
            KeyPair pair = hostKeys.loadKeys(null).iterator().next();
            return pair.getPublic();
        } catch (Exception e) {
            throw new IllegalStateException("host key unreadable", e);
        }
    }

    /** {@code SHA256:…}, as {@code ssh-keygen -lf} and the sftp client show it. */
    String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostPublicKey());
    }

    /** The host key as a known_hosts entry without the host part: {@code ecdsa-sha2-nistp256 AAAA…}. */
    String hostKeyEntry() {
        return PublicKeyEntry.toString(hostPublicKey());
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                log.warn("SFTP server did not stop cleanly", e);
            }
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null && server.isStarted();
    }
}
