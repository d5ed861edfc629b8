package se.leka.register;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The register sample extracts of {@code sample-files/register/}, copied to where a test imports them. */
final class RegisterTestFiles {

    static final Path SAMPLES = Path.of("sample-files", "register");
    static final String SNAPSHOT = "REG_FKFORMAN_20260302_0001_SNAPSHOT.txt";
    static final String DELTA_1 = "REG_FKFORMAN_20260303_0002_DELTA.txt";
    static final String DELTA_2 = "REG_FKFORMAN_20260304_0003_DELTA.txt";
    static final String INVALID_SNAPSHOT = "invalid/REG_FKFORMAN_20260305_0004_SNAPSHOT.txt";

    private RegisterTestFiles() {
    }

    static Path copy(String sample, Path dir) {
        try {
            Path target = dir.resolve(Path.of(sample).getFileName());
            Files.copy(SAMPLES.resolve(sample), target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, List<String> lines) {
        try {
            return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String sample) {
        try {
            return Files.readAllLines(SAMPLES.resolve(sample), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> expected(String resource) {
        try {
            return Files.readAllLines(Path.of("src/test/resources/register", resource), StandardCharsets.UTF_8)
                    .stream().skip(1).filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
