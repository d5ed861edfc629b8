package se.leka.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.beanio.BeanReader;
import org.beanio.BeanReaderException;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import se.leka.format.BeanIoItemReader;
import se.leka.format.FileType;
import se.leka.format.ParsedLine;
import se.leka.format.StrictCharset;

/**
 * The check-lines reader maps ordinary order lines itself ({@link OrderLineShortcut}) and leaves
 * the rest to BeanIO: for every line it takes, it must give exactly BeanIO's fields, and it must
 * decline every line BeanIO would not read as a faultless detail record.
 */
class OrderLineShortcutTests {

    static final OrderFormats.Layout LAYOUT = OrderFormats.layout(FileType.BEST, 1).orElseThrow();
    final OrderLineShortcut shortcut = new OrderLineShortcut();

    @Test
    void every_sample_line_and_random_lines_map_as_beanio_maps_them() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("sample-files/order"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains("_BEST_")).toList()) {
                lines.addAll(Files.readAllLines(file, StrictCharset.FILES));
            }
        }
        Random random = new Random(42);
        String alphabet = "  0123456789ABCNHSÅÄÖåäö-,.\t/";
        for (int i = 0; i < 2000; i++) {
            int length = i % 10 == 0 ? 140 + random.nextInt(20) : OrderLineShortcut.LENGTH;
            StringBuilder line = new StringBuilder(i % 7 == 0 ? "11" : "10");
            while (line.length() < length) {
                line.append(random.nextInt(3) == 0 ? ' ' : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            lines.add(line.toString());
        }
        int taken = 0;
        for (String line : lines) {
            OrderLine mine = shortcut.map(line);
            Object beanio = beanio(line);
            if (mine == null) {
                continue;
            }
            taken++;
            assertThat(beanio).as(line).isInstanceOf(OrderLine.class);
            assertThat(mine).as(line).usingRecursiveComparison().isEqualTo(beanio);
        }
        assertThat(taken).as("lines the shortcut took").isGreaterThan(1000);
    }

    @Test
    void lines_that_are_not_a_150_character_detail_record_are_left_to_beanio() {
        String order = OrderLineSamples.order("N", "200001012384", "SAM", "SJUK", "2020-01-01", "", "REF");
        assertThat(shortcut.map(order)).isNotNull();
        assertThat(shortcut.map(order.substring(0, 149))).isNull();
        assertThat(shortcut.map(order + " ")).isNull();
        assertThat(shortcut.map("11" + order.substring(2))).isNull();
        assertThat(shortcut.map("")).isNull();
    }

    @Test
    void the_reader_with_the_shortcut_reads_every_sample_file_as_beanio_alone_does_also_after_a_restart() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("sample-files/order"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains("_BEST_")).toList()) {
                List<ParsedLine<Object>> plain = readAll(file, null, 0);
                assertThat(readAll(file, shortcut, 0)).as(file.toString()).usingRecursiveComparison().isEqualTo(plain);
                for (int restartAfter = 1; restartAfter < plain.size(); restartAfter += 3) {
                    assertThat(readAll(file, shortcut, restartAfter)).as(file + " restarted after " + restartAfter)
                            .usingRecursiveComparison().isEqualTo(plain.subList(restartAfter, plain.size()));
                }
            }
        }
    }

    private static List<ParsedLine<Object>> readAll(Path file, OrderLineShortcut shortcut, long alreadyRead) {
        var reader = new BeanIoItemReader<Object>("lines", LAYOUT.factory(), LAYOUT.streamName(), file, StrictCharset.FILES,
                Object.class, shortcut);
        ExecutionContext context = new ExecutionContext();
        if (alreadyRead > 0) {
            context.putLong("lines.read.count", alreadyRead);
        }
        reader.open(context);
        List<ParsedLine<Object>> lines = new ArrayList<>();
        for (ParsedLine<Object> line = reader.read(); line != null; line = reader.read()) {
            lines.add(line);
        }
        reader.close();
        return lines;
    }

    /** What BeanIO makes of the line alone: the bean, or the exception's record name. */
    private static Object beanio(String line) {
        BeanReader reader = LAYOUT.factory().createReader(LAYOUT.streamName(), new StringReader(line + "\n"));
        try {
            return reader.read();
        } catch (BeanReaderException e) {
            return "error: " + e.getMessage();
        } finally {
            reader.close();
        }
    }
}
