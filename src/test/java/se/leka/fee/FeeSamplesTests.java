package se.leka.fee;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.leka.format.EndRecord;
import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;

/**
 * The fee job's outputs byte for byte against the samples in {@code sample-files/fee/} (golden
 * files; {@code LEKA_WRITE_SAMPLES=true} rewrites them): the AVGI specification of a first run and
 * of an adjustment, and the invoice basis of a quarter with an exempt agency.
 */
class FeeSamplesTests {

    static final Path SAMPLES = Path.of("sample-files/fee");
    static final OrgNumber FK = OrgNumber.parse("2021005521");
    static final OrgNumber INSURER = OrgNumber.parse("5566778899");
    static final LocalDate Q4_START = LocalDate.of(2026, 10, 1);
    static final LocalDate Q4_END = LocalDate.of(2026, 12, 31);
    static final LocalDate JAN_RUN = LocalDate.of(2027, 1, 1);
    static final LocalDate FEB_RUN = LocalDate.of(2027, 2, 1);
    static final FeePeriod Q4 = new FeePeriod(FeePeriod.Kind.QUARTER, Q4_START, Q4_END);

    static LedgerEntry row(long id, String agreement, String party, FeeComponent component, String kind, int entryNo, long quantity,
                           String price, Integer days, String amount, String note, LocalDate runDate) {
        return new LedgerEntry(id, agreement, party, Q4_START, Q4_END, component, "LEKA-2025-04", entryNo, kind, quantity,
                new BigDecimal(price), days, days == null ? null : 92, new BigDecimal(amount), note, runDate, 41);
    }

    static final List<LedgerEntry> INSURER_JANUARY = List.of(
            row(101, "AVT-2026-0001", "5566778899", FeeComponent.FIXED, "ORIGINAL", 0, 1, "400.0000", 92, "400.00", null, JAN_RUN),
            row(102, "AVT-2026-0001", "5566778899", FeeComponent.RECORDS, "ORIGINAL", 0, 1840, "0.0200", null, "36.80", null, JAN_RUN),
            row(103, "AVT-2026-0001", "5566778899", FeeComponent.QUESTIONS, "ORIGINAL", 0, 12, "0.0500", null, "0.60", null, JAN_RUN));
    static final List<LedgerEntry> AGENCY_JANUARY = List.of(
            row(104, "OVK-2026-0001", "2021998881", FeeComponent.FIXED, "ORIGINAL", 0, 1, "0.0000", 61, "0.00",
                    "exempt: STATE_AGENCY", JAN_RUN),
            row(105, "OVK-2026-0001", "2021998881", FeeComponent.RECORDS, "ORIGINAL", 0, 310, "0.0000", null, "0.00",
                    "exempt: STATE_AGENCY", JAN_RUN));
    static final List<LedgerEntry> INSURER_FEBRUARY = List.of(
            row(131, "AVT-2026-0001", "5566778899", FeeComponent.RECORDS, "ADJUSTMENT", 1, 25, "0.0200", null, "0.50", null, FEB_RUN));

    @Test
    void the_specification_of_a_first_run() throws Exception {
        golden("5566778899_AVGI_20270101_0000001.txt", avgi(INSURER_JANUARY, JAN_RUN, 1, new BigDecimal("437.40")));
    }

    @Test
    void the_specification_of_an_adjustment() throws Exception {
        golden("5566778899_AVGI_20270201_0000002.txt", avgi(INSURER_FEBRUARY, FEB_RUN, 2, new BigDecimal("437.90")));
    }

    @Test
    void the_invoice_basis_of_a_quarter(@TempDir Path dir) throws Exception {
        List<LedgerEntry> rows = new java.util.ArrayList<>(AGENCY_JANUARY);
        rows.addAll(0, INSURER_JANUARY);
        Path file = InvoiceBasis.write(dir, Q4, JAN_RUN, rows,
                Map.of("5566778899", "Trygg Demo Försäkring AB", "2021998881", "Demomyndigheten"));
        assertThat(file.getFileName().toString()).isEqualTo("fakturaunderlag_2026-Q4_2027-01-01.csv");
        golden(file.getFileName().toString(), Files.readAllBytes(file));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).startsWith("TOTAL;2026-10-01;2026-12-31;").contains(";437.40;");
    }

    byte[] avgi(List<LedgerEntry> written, LocalDate runDate, long sequence, BigDecimal periodTotal) throws Exception {
        List<String> records = FeeSpecification.records("AVT-2026-0001", "5566778899", Q4_START, Q4_END, runDate, written, periodTotal);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeeSpecification.write(FK, "AVT-2026-0001", runDate, new FileName(INSURER, FileType.AVGI, runDate, sequence), records, out);
        List<String> lines = List.of(out.toString(StrictCharset.FILES).split("\n"));
        assertThat(StartRecord.parse(lines.get(0)).sequenceNumber()).isEqualTo(sequence);
        assertThat(EndRecord.parse(lines.get(lines.size() - 1)).recordCount()).isEqualTo(lines.size() - 2);
        assertThat(lines.subList(1, lines.size() - 1)).allSatisfy(l -> assertThat(l).hasSize(FeeSpecification.RECORD_LENGTH));
        return out.toByteArray();
    }

    static void golden(String name, byte[] actual) throws Exception {
        Path sample = SAMPLES.resolve(name);
        if ("true".equals(System.getenv("LEKA_WRITE_SAMPLES"))) {
            Files.createDirectories(SAMPLES);
            Files.write(sample, actual);
        }
        assertThat(new String(actual, StandardCharsets.ISO_8859_1)).as("golden " + sample)
                .isEqualTo(new String(Files.readAllBytes(sample), StandardCharsets.ISO_8859_1));
    }
}
