package se.leka.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every one of Skatteverket's published test personnummer for 2000–2009 must be accepted. */
class SkatteverketTestNumbersTests {

    @Test
    void every_published_test_personnummer_is_valid() throws IOException {
        List<String> numbers;
        try (InputStream in = getClass().getResourceAsStream("/skatteverket/testpersonnummer-2000-2009.csv")) {
            assertThat(in).as("test data copied from shared/data").isNotNull();
            numbers = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> l.matches("\\d{12}")).toList();
        }
        assertThat(numbers).hasSize(7323);
        assertThat(numbers).allSatisfy(n -> assertThat(Personnummer.parse(n).value()).isEqualTo(n));
    }
}
