package se.leka.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import se.leka.format.EndRecord;
import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;

/** Framing a delivery body reads it once: the body copied byte for byte, its records counted on the way. */
class DeliveryFilesTests {

    static final OrgNumber LEKA = OrgNumber.parse("2021005521");
    static final FileName NAME = new FileName(OrgNumber.parse("5566778899"), FileType.LEVE, LocalDate.of(2026, 11, 30), 7);
    static final LocalDateTime CREATED = LocalDateTime.of(2026, 11, 30, 9, 15, 42, 123_000_000);

    @TempDir
    Path dir;

    /** Record counts around the copy buffer: none, one, and bodies that end inside and just after a buffer. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, DeliveryFiles.COPY_BUFFER / 121, DeliveryFiles.COPY_BUFFER / 121 + 1, 2 * DeliveryFiles.COPY_BUFFER / 121 + 7})
    void the_end_record_counts_the_body_records_and_the_body_is_copied_unchanged(int records) throws Exception {
        byte[] bodyBytes = body(records);
        Path body = Files.write(dir.resolve("body.txt"), bodyBytes);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();

        DeliveryFiles.frame(FileType.LEVE, LEKA, "AVT-2026-001", CREATED, NAME, body, framed);

        byte[] bytes = framed.toByteArray();
        List<String> lines = new String(bytes, StandardCharsets.ISO_8859_1).lines().toList();
        assertThat(lines).hasSize(records + 2);
        assertThat(StartRecord.parse(lines.get(0))).satisfies(start -> {
            assertThat(start.fileType()).isEqualTo(FileType.LEVE);
            assertThat(start.sequenceNumber()).isEqualTo(7);
        });
        assertThat(EndRecord.parse(lines.get(lines.size() - 1)).recordCount()).isEqualTo(records);
        int startLength = lines.get(0).length() + 1;
        assertThat(Arrays.copyOfRange(bytes, startLength, startLength + bodyBytes.length)).isEqualTo(bodyBytes);
        assertThat(bytes).hasSize(startLength + bodyBytes.length + EndRecord.LENGTH + 1);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
    }

    /**
     * The order job writes start record and body itself; finishing adds the end record once — also
     * when publish runs again after a crash, whether it had appended the end record or only part of it.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, DeliveryFiles.COPY_BUFFER / 121 + 1})
    void finishing_adds_the_end_record_once_and_replaces_one_cut_off(int records) throws Exception {
        String start = DeliveryFiles.startRecord(FileType.LEVE, LEKA, "AVT-2026-001", CREATED, NAME);
        byte[] body = body(records);
        Path file = dir.resolve("LEVE.txt");
        Files.write(file, (start + "\n").getBytes(StandardCharsets.ISO_8859_1));
        Files.write(file, body, java.nio.file.StandardOpenOption.APPEND);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        DeliveryFiles.frame(FileType.LEVE, LEKA, "AVT-2026-001", CREATED, NAME, Files.write(dir.resolve("body"), body), framed);

        assertThat(DeliveryFiles.finish(file)).isEqualTo(records);
        assertThat(Files.readAllBytes(file)).as("as framing the body would make it").isEqualTo(framed.toByteArray());
        assertThat(DeliveryFiles.finish(file)).isEqualTo(records);
        assertThat(Files.readAllBytes(file)).as("finished again: unchanged").isEqualTo(framed.toByteArray());

        byte[] cutOff = Arrays.copyOf(framed.toByteArray(), framed.size() - 30);
        Files.write(file, cutOff);
        assertThat(DeliveryFiles.finish(file)).isEqualTo(records);
        assertThat(Files.readAllBytes(file)).as("the cut-off end record replaced").isEqualTo(framed.toByteArray());
    }

    /** Records of 120 characters and a line end, as the body writer writes them, each a little different. */
    static byte[] body(int records) {
        StringBuilder text = new StringBuilder(records * 121);
        for (int i = 0; i < records; i++) {
            String head = (i % 5 == 0 ? "40" : "41") + String.format("%09d", i);
            text.append(head).append(" ".repeat(120 - head.length())).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
