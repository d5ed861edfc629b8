package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;

/**
 * The receipt layout is a contract: the sample receipts under {@code sample-files/intake/receipts/}
 * are exactly what {@link Receipts#write} produces, and read back to the same receipt.
 */
class ReceiptsTests {

    static final Path SAMPLES = Path.of("sample-files/intake");
    static final OrgNumber FK = OrgNumber.parse("2021005521");

    static StartRecord start(long sequence) {
        return new StartRecord(FileType.KVIT, 1, FK, null, "AVT-2026-0001", sequence,
                sequence == 1 ? LocalDateTime.of(2026, 11, 30, 8, 15, 2) : LocalDateTime.of(2026, 11, 30, 10, 0, 5));
    }

    static Receipt accepted() throws Exception {
        String name = "5566778899_BEST_20261130_0000001.txt";
        return new Receipt(Receipt.Kind.INTAKE, name, Checksums.sha256(SAMPLES.resolve(name)), 1, ReceiptStatus.ACCEPTED,
                2, 2, 0, LocalDateTime.of(2026, 11, 30, 8, 15, 1), List.of());
    }

    static Receipt gap() throws Exception {
        String name = "5566778899_BEST_20261130_0000003.txt";
        return new Receipt(Receipt.Kind.INTAKE, name, Checksums.sha256(SAMPLES.resolve(name)), 3, ReceiptStatus.REJECTED,
                2, 0, 2, LocalDateTime.of(2026, 11, 30, 10, 0, 4), List.of(new ReceiptError(1, "sequenceNumber", "SEQUENCE_GAP",
                "sequence number 3 leaves a gap: the next expected for BEST is 2")));
    }

    @Test
    void the_sample_receipts_are_what_the_writer_produces() throws Exception {
        assertThat(Receipts.write(start(1), accepted()))
                .isEqualTo(Files.readAllBytes(SAMPLES.resolve("receipts/5566778899_KVIT_20261130_0000001.txt")));
        assertThat(Receipts.write(start(2), gap()))
                .isEqualTo(Files.readAllBytes(SAMPLES.resolve("receipts/5566778899_KVIT_20261130_0000002.txt")));
    }

    @Test
    void a_receipt_reads_back_to_what_was_written() throws Exception {
        assertThat(Receipts.read(Receipts.write(start(2), gap()))).isEqualTo(gap());
        assertThat(Receipts.read(Receipts.write(start(1), accepted()))).isEqualTo(accepted());
    }

    @Test
    void records_have_their_fixed_lengths_and_the_end_record_counts_them() throws Exception {
        List<String> lines = new String(Receipts.write(start(2), gap()), StandardCharsets.ISO_8859_1).lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).hasSize(80).startsWith("00KVIT01" + FK.value());
        assertThat(lines.get(1)).hasSize(250).startsWith("10INTAKE  5566778899_BEST_20261130_0000003.txt");
        assertThat(lines.get(2)).hasSize(300).startsWith("20000000001sequenceNumber");
        assertThat(lines.get(2).substring(41, 71).strip()).isEqualTo("SEQUENCE_GAP");
        assertThat(lines.get(3)).isEqualTo("99000000002" + " ".repeat(69));
    }

    @Test
    void text_outside_iso_8859_1_and_line_breaks_cannot_break_the_layout_and_long_text_is_cut() throws Exception {
        Receipt odd = new Receipt(Receipt.Kind.RECORDS, "x".repeat(150), "ab", 0, ReceiptStatus.PARTIALLY_ACCEPTED, 3, 2, 1,
                LocalDateTime.of(2026, 11, 30, 12, 0), List.of(new ReceiptError(7, "personnummer", "CHECK_DIGIT",
                "fel kontrollsiffra \u2013 åäö\nrad två " + "y".repeat(400))));

        byte[] bytes = Receipts.write(start(3), odd);
        List<String> lines = new String(bytes, StandardCharsets.ISO_8859_1).lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).hasSize(300).contains("fel kontrollsiffra ? åäö rad två");
        Receipt read = Receipts.read(bytes);
        assertThat(read.receivedFileName()).hasSize(100);
        assertThat(read.status()).isEqualTo(ReceiptStatus.PARTIALLY_ACCEPTED);
        assertThat(read.errors().get(0).lineNumber()).isEqualTo(7);
    }

    @Test
    void a_rejection_without_a_reason_and_a_receipt_under_another_file_type_are_refused() {
        assertThatThrownBy(() -> new Receipt(Receipt.Kind.INTAKE, "f", "s", 0, ReceiptStatus.REJECTED, 0, 0, 0,
                LocalDateTime.of(2026, 11, 30, 12, 0), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Receipts.write(new StartRecord(FileType.LEVE, 1, FK, null, "", 1, LocalDateTime.of(2026, 11, 30, 12, 0)),
                accepted())).isInstanceOf(IllegalArgumentException.class);
    }
}
