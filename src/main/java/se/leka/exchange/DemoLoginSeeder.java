package se.leka.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import se.leka.format.OrgNumber;

/**
 * DEMO ONLY. Seeds an SFTP login with its public key for every {@code <orgnr>.pub} in
 * {@code <leka.demo.dir>/keys/} (embedded default only, {@code leka.demo.enabled=true}). Runs after
 * the agreement room's demo seeder, which registers the parties. The matching private keys lie
 * beside them in the repository: never use them, or this seeder, in production.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("leka.demo.enabled")
class DemoLoginSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoginSeeder.class);

    private final SftpLogins logins;
    private final Path keys;

    DemoLoginSeeder(SftpLogins logins, @Value("${leka.demo.dir}") Path demoDir) {
        this.logins = logins;
        this.keys = demoDir.resolve("keys");
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!Files.isDirectory(keys)) {
            log.warn("Demo key directory {} not found; no demo SFTP logins seeded", keys.toAbsolutePath());
            return;
        }
        int seeded = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(keys, "*.pub")) {
            for (Path file : files) {
                String org = file.getFileName().toString().replace(".pub", "");
                if (!OrgNumber.isValid(org)) {
                    continue;
                }
                OrgNumber login = OrgNumber.parse(org);
                logins.create(login);
                logins.addKey(login, Files.readString(file, StandardCharsets.UTF_8));
                seeded++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo keys in " + keys, e);
        }
        log.info("DEMO ONLY: {} SFTP logins with the keys in {} (never in production)", seeded, keys);
    }
}
