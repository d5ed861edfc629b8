package se.leka.register;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Embedded default: imports the demo register extracts of {@code sample-files/register/} (in
 * name order) through the ordinary import, from temporary copies. Extracts imported
 * before are recognised by checksum and change nothing, so a restart is harmless.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("leka.demo.enabled")
class DemoRegisterSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRegisterSeeder.class);

    private final RegisterImports imports;
    private final ExtractStore extracts;
    private final Path demoDir;

    DemoRegisterSeeder(RegisterImports imports, ExtractStore extracts, @Value("${leka.register.demo-dir}") Path demoDir) {
        this.imports = imports;
        this.extracts = extracts;
        this.demoDir = demoDir;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!Files.isDirectory(demoDir)) {
            log.warn("Demo register directory {} not found; no demo register data (run from the repository root, or set LEKA_REGISTER_DEMO_DIR)",
                    demoDir.toAbsolutePath());
            return;
        }
        try (Stream<Path> files = Files.list(demoDir)) {
            for (Path demo : files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                if (extracts.find(RegisterImports.checksum(demo)).isPresent()) {
                    continue;
                }
                // a copy outside the drop directory: the import archives (moves) what it imported,
                // and the poller must not pick the same file up meanwhile
                Path copy = Files.createTempDirectory("leka-demo-register").resolve(demo.getFileName());
                Files.copy(demo, copy);
                ImportOutcome outcome = imports.importFile(copy);
                log.info("Demo register extract {}: {} ({})", demo.getFileName(), outcome.result(), outcome.message());
            }
        }
    }
}
