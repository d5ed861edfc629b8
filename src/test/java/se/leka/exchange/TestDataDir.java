package se.leka.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh {@code leka.data-dir} (SFTP trees, archive, quarantine, host key) for one test class. */
final class TestDataDir {

    private TestDataDir() {
    }

    static Path register(DynamicPropertyRegistry registry, String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        registry.add("leka.data-dir", dir::toString);
        return dir;
    }
}
