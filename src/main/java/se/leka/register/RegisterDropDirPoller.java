package se.leka.register;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls {@code leka.register.drop-dir} every {@code leka.register.poll.interval} and imports the
 * extracts found there (FK writes under a temporary name and renames to {@code *.txt} when done).
 * On by default; off in the {@code it} test profile.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty("leka.register.poll.enabled")
class RegisterDropDirPoller {

    private static final Logger log = LoggerFactory.getLogger(RegisterDropDirPoller.class);

    private final RegisterImports imports;
    private final int maxAttempts;

    RegisterDropDirPoller(RegisterImports imports, @Value("${leka.register.poll.max-attempts}") int maxAttempts) {
        this.imports = imports;
        this.maxAttempts = maxAttempts;
        try {
            Files.createDirectories(imports.dropDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the register drop directory " + imports.dropDirectory(), e);
        }
    }

    @Scheduled(fixedDelayString = "${leka.register.poll.interval}", initialDelayString = "${leka.register.poll.interval}")
    void poll() {
        try {
            imports.importDropDirectory(maxAttempts)
                    .forEach(o -> log.info("Register extract {}: {} ({})", o.extractId(), o.result(), o.message()));
        } catch (RuntimeException e) {
            log.error("Register drop-directory poll failed: {}", Masking.mask(e.getMessage()));
        }
    }
}
