package se.leka.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.sftp.client.SftpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.FileSystemResource;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.integration.file.remote.session.CachingSessionFactory;
import org.springframework.integration.file.support.FileExistsMode;
import org.springframework.integration.sftp.session.DefaultSftpSessionFactory;
import org.springframework.integration.sftp.session.SftpRemoteFileTemplate;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.format.FileName;
import se.leka.format.OrgNumber;

/**
 * External SFTP server mode: LEKA is a client (Spring Integration SFTP, a {@link DefaultSftpSessionFactory}
 * with key authentication and strict known-hosts checking behind a {@link CachingSessionFactory}).
 * It polls the inbox of every mailbox that may be used today and takes a file when its name has no
 * {@code .part} suffix and its size and modification time have not changed for {@code stable-age};
 * the file is downloaded, handed to the same {@link Intake} as in embedded mode and then removed
 * from the server ({@link Intake} is looked up lazily: it delivers receipts through this bean). It is also the {@link OutboxTransport}: a delivered file is uploaded under
 * {@code <name>.part} and renamed into the remote outbox.
 */
class ExternalSftpExchange implements SmartLifecycle, OutboxTransport {

    private static final Logger log = LoggerFactory.getLogger(ExternalSftpExchange.class);

    private static final String REMOTE_DIR = "leka_remote_dir";

    private final ExchangeProperties.External settings;
    private final ExchangeDirectories directories;
    private final ExchangeAccess access;
    private final ObjectProvider<Intake> intake;
    private final JdbcClient jdbc;
    private final SftpRemoteFileTemplate template;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;

    /** A remote file as last seen: size, modification time, and since when both have been unchanged. */
    private record Seen(long size, long modified, Instant unchangedSince) {
    }

    ExternalSftpExchange(ExchangeProperties properties, ExchangeDirectories directories, ExchangeAccess access,
                         ObjectProvider<Intake> intake, JdbcClient jdbc, BeanFactory beanFactory) {
        this.settings = properties.external();
        this.directories = directories;
        this.access = access;
        this.intake = intake;
        this.jdbc = jdbc;
        if (blank(settings.host()) || blank(settings.user()) || settings.privateKey() == null || blank(settings.privateKey().toString())
                || settings.knownHosts() == null || blank(settings.knownHosts().toString())) {
            throw new IllegalStateException("leka.exchange.mode=external needs leka.exchange.external.host, user, private-key and known-hosts");
        }
        DefaultSftpSessionFactory factory = new DefaultSftpSessionFactory(true);
        factory.setHost(settings.host());
        factory.setPort(settings.port());
        factory.setUser(settings.user());
        factory.setPrivateKey(new FileSystemResource(settings.privateKey()));
        factory.setKnownHostsResource(new FileSystemResource(settings.knownHosts()));
        factory.setAllowUnknownKeys(false);
        template = new SftpRemoteFileTemplate(new CachingSessionFactory<>(factory, 4));
        template.setUseTemporaryFileName(true);
        template.setTemporaryFileSuffix(FileName.UPLOAD_SUFFIX);
        template.setAutoCreateDirectory(true);
        template.setRemoteDirectoryExpression(new SpelExpressionParser().parseExpression("headers['" + REMOTE_DIR + "']"));
        template.setBeanFactory(beanFactory);
        template.afterPropertiesSet();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private String remoteDir(Mailbox mailbox, String area) {
        String root = settings.remoteRoot().endsWith("/") ? settings.remoteRoot() : settings.remoteRoot() + "/";
        return root + mailbox.relativeDir() + "/" + area;
    }

    /** One poll of every usable mailbox's remote inbox; returns how many files were taken. */
    int pollOnce() {
        int taken = 0;
        List<String> logins = jdbc.sql("SELECT login FROM sftp_login WHERE disabled_at IS NULL ORDER BY login").query(String.class).list();
        for (String login : logins) {
            for (Mailbox mailbox : access.mailboxes(OrgNumber.parse(login))) {
                try {
                    taken += poll(mailbox);
                } catch (RuntimeException e) {
                    log.warn("Polling {}/inbox on {} failed", mailbox, settings.host(), e);
                }
            }
        }
        return taken;
    }

    private int poll(Mailbox mailbox) {
        String dir = remoteDir(mailbox, Mailbox.INBOX);
        if (!template.exists(dir)) {
            return 0;
        }
        int taken = 0;
        Instant now = Instant.now();
        for (SftpClient.DirEntry entry : template.list(dir)) {
            String name = entry.getFilename();
            if (!entry.getAttributes().isRegularFile() || FileName.isUploadInProgress(name)) {
                continue;
            }
            String path = dir + "/" + name;
            long size = entry.getAttributes().getSize();
            long modified = entry.getAttributes().getModifyTime().toMillis();
            Seen before = seen.get(path);
            if (before == null || before.size() != size || before.modified() != modified) {
                seen.put(path, new Seen(size, modified, now));
                continue;
            }
            if (before.unchangedSince().plus(settings.stableAge()).isAfter(now)) {
                continue;
            }
            take(mailbox, path, name);
            seen.remove(path);
            taken++;
        }
        return taken;
    }

    private void take(Mailbox mailbox, String remotePath, String name) {
        Path dir = ExchangeDirectories.create(directories.incoming().resolve(UUID.randomUUID().toString()));
        Path local = dir.resolve(name);
        template.get(remotePath, in -> Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING));
        Intake intake = this.intake.getObject();
        long id = intake.onIntakeThread(() -> intake.take(local, mailbox, null));
        // Recorded and archived: now it may go from the server. A crash right here means the file is
        // downloaded again next time and answered as DUPLICATE_FILE - never processed twice.
        template.remove(remotePath);
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.debug("incoming directory {} not removed", dir, e);
        }
        log.info("Took {} from {}:{} as inbound file {}", name, settings.host(), remotePath, id);
    }

    @Override
    public void publish(Mailbox mailbox, Path localFile) {
        template.send(MessageBuilder.withPayload(localFile.toFile()).setHeader(REMOTE_DIR, remoteDir(mailbox, Mailbox.OUTBOX)).build(),
                FileExistsMode.REPLACE);
        log.info("Uploaded {} to {}:{}", localFile.getFileName(), settings.host(), remoteDir(mailbox, Mailbox.OUTBOX));
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "exchange-sftp-poller");
            t.setDaemon(true);
            return t;
        });
        long millis = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(() -> {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                log.error("Polling {} failed", settings.host(), e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        log.info("External SFTP mode: polling {}@{}:{} every {}", settings.user(), settings.host(), settings.port(), settings.pollInterval());
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
