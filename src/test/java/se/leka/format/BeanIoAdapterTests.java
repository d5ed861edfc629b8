package se.leka.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.beanio.StreamFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class BeanIoAdapterTests {

    static final StreamFactory PEOPLE = BeanIoMappings.factory("beanio/test-people.xml");
    final TransactionTemplate tx = new TransactionTemplate(new ResourcelessTransactionManager());

    @TempDir
    Path dir;

    BeanIoItemWriter<TestPerson> writer(Path file) {
        return new BeanIoItemWriter<>("out", PEOPLE, "people", file, StrictCharset.FILES,
                () -> List.of("HEAD"), count -> List.of("TAIL " + count));
    }

    /** Writes a chunk in a transaction and saves the context as the step would, in that transaction. */
    void commitChunk(BeanIoItemWriter<TestPerson> w, ExecutionContext saved, TestPerson... people) {
        tx.executeWithoutResult(status -> {
            write(w, people);
            ExecutionContext current = new ExecutionContext(saved);
            w.update(current);
            current.entrySet().forEach(e -> saved.put(e.getKey(), e.getValue()));
        });
    }

    static void write(BeanIoItemWriter<TestPerson> w, TestPerson... people) {
        try {
            w.write(Chunk.of(people));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A writer opened on {@code ctx}, as a step opens its streams. */
    BeanIoItemWriter<TestPerson> opened(Path file, ExecutionContext ctx) {
        BeanIoItemWriter<TestPerson> w = writer(file);
        w.open(ctx);
        return w;
    }

    static String content(Path file) throws java.io.IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writes_header_records_and_footer_with_the_count() throws Exception {
        Path file = dir.resolve("people.txt");
        ExecutionContext ctx = new ExecutionContext();
        BeanIoItemWriter<TestPerson> w = opened(file, ctx);
        commitChunk(w, ctx, new TestPerson("Åsa", 42), new TestPerson("Bo", 7));
        w.close();
        assertThat(content(file))
                .isEqualTo("HEAD\n10Åsa       042\n10Bo        007\nTAIL 2\n");
    }

    /** Records encoded by their producer, in pieces, are written as they are, between the others, and counted. */
    @Test
    void encoded_records_are_written_as_given_in_their_order_and_counted() throws Exception {
        Path file = dir.resolve("encoded.txt");
        BeanIoItemWriter<Object> w = new BeanIoItemWriter<>("out", PEOPLE, "people", file, StrictCharset.FILES,
                () -> List.of("HEAD"), count -> List.of("TAIL " + count));
        ExecutionContext ctx = new ExecutionContext();
        w.open(ctx);
        tx.executeWithoutResult(status -> {
            try {
                w.write(Chunk.of(new TestPerson("Åsa", 42), new EncodedRecords(List.of(
                        "10Bo        007\n10Cia       011\n".getBytes(StandardCharsets.ISO_8859_1),
                        "10Dan       003\n".getBytes(StandardCharsets.ISO_8859_1)), 3), new TestPerson("Eva", 5)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        w.close();
        assertThat(content(file)).isEqualTo("HEAD\n10Åsa       042\n10Bo        007\n10Cia       011\n10Dan       003\n"
                + "10Eva       005\nTAIL 5\n");
    }

    @Test
    void a_rolled_back_chunk_never_reaches_the_file() throws Exception {
        Path file = dir.resolve("people.txt");
        ExecutionContext ctx = new ExecutionContext();
        BeanIoItemWriter<TestPerson> w = opened(file, ctx);
        commitChunk(w, ctx, new TestPerson("Anna", 1));
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            write(w, new TestPerson("Rollback", 2));
            throw new IllegalStateException("injected failure before commit");
        })).hasMessageContaining("injected");
        commitChunk(w, ctx, new TestPerson("Cecilia", 3));
        w.close();
        assertThat(content(file))
                .isEqualTo("HEAD\n10Anna      001\n10Cecilia   003\nTAIL 2\n");
    }

    @Test
    void restart_truncates_to_the_last_committed_position_and_writes_each_record_once() throws Exception {
        Path file = dir.resolve("people.txt");
        ExecutionContext committed = new ExecutionContext();
        BeanIoItemWriter<TestPerson> first = opened(file, committed);
        commitChunk(first, committed, new TestPerson("Anna", 1), new TestPerson("Bertil", 2));
        ExecutionContext lostContext = new ExecutionContext(committed);
        // The next chunk reaches the file, but the crash comes before its context is saved.
        commitChunk(first, lostContext, new TestPerson("Cecilia", 3));
        first.close(); // a failed step is closed too: its footer must not survive the restart either
        assertThat(content(file)).contains("Cecilia").contains("TAIL 3");

        BeanIoItemWriter<TestPerson> restarted = opened(file, committed);
        commitChunk(restarted, committed, new TestPerson("Cecilia", 3), new TestPerson("David", 4));
        restarted.close();
        assertThat(content(file)).isEqualTo(
                "HEAD\n10Anna      001\n10Bertil    002\n10Cecilia   003\n10David     004\nTAIL 4\n");
    }

    @Test
    void a_character_outside_iso_8859_1_fails_the_write_instead_of_becoming_a_question_mark() {
        BeanIoItemWriter<TestPerson> w = writer(dir.resolve("people.txt"));
        w.open(new ExecutionContext());
        assertThatThrownBy(() -> w.write(Chunk.of(new TestPerson("Łukasz", 30))))
                .isInstanceOf(java.nio.charset.CharacterCodingException.class);
    }

    BeanIoItemReader<TestPerson> reader(Path file) {
        return new BeanIoItemReader<>("in", PEOPLE, "people", file, StrictCharset.FILES, TestPerson.class);
    }

    @Test
    void reads_records_with_line_numbers_and_reports_a_bad_line_without_stopping() throws Exception {
        Path file = dir.resolve("in.txt");
        Files.write(file, "10Åsa       042\n10Bo        0x7\n20Unknown   001\n10Cecilia   003\n".getBytes(StandardCharsets.ISO_8859_1));
        BeanIoItemReader<TestPerson> r = reader(file);
        r.open(new ExecutionContext());
        List<ParsedLine<TestPerson>> lines = new ArrayList<>();
        for (ParsedLine<TestPerson> line = r.read(); line != null; line = r.read()) {
            lines.add(line);
        }
        r.close();
        assertThat(lines).extracting(ParsedLine::lineNumber).containsExactly(1, 2, 3, 4);
        assertThat(lines.get(0).parsed()).isTrue();
        assertThat(lines.get(0).value().getName()).isEqualTo("Åsa");
        assertThat(lines.get(1).parsed()).isFalse();
        assertThat(lines.get(1).fieldErrors()).containsKey("age");
        assertThat(lines.get(2).parsed()).isFalse();
        assertThat(lines.get(2).recordErrors()).isNotEmpty();
        assertThat(lines.get(3).value().getAge()).isEqualTo(3);
    }

    @Test
    void restart_continues_after_the_records_already_read() throws Exception {
        Path file = dir.resolve("in.txt");
        Files.write(file, "10Anna      001\n10Bertil    002\n10Cecilia   003\n".getBytes(StandardCharsets.ISO_8859_1));
        BeanIoItemReader<TestPerson> first = reader(file);
        ExecutionContext ctx = new ExecutionContext();
        first.open(ctx);
        first.read();
        first.read();
        first.update(ctx);
        first.close();

        BeanIoItemReader<TestPerson> restarted = reader(file);
        restarted.open(ctx);
        ParsedLine<TestPerson> next = restarted.read();
        assertThat(next.lineNumber()).isEqualTo(3);
        assertThat(next.value().getName()).isEqualTo("Cecilia");
        assertThat(restarted.read()).isNull();
        restarted.close();
    }

    @Test
    void bytes_that_are_not_valid_in_the_charset_fail_the_read() throws Exception {
        Path file = dir.resolve("utf8.txt");
        Files.write(file, "10Åsa       042\n".getBytes(StandardCharsets.UTF_8));
        BeanIoItemReader<TestPerson> r = new BeanIoItemReader<>("in", PEOPLE, "people", file, StandardCharsets.US_ASCII,
                TestPerson.class);
        r.open(new ExecutionContext());
        assertThatThrownBy(r::read).isInstanceOf(ItemStreamException.class);
    }
}
