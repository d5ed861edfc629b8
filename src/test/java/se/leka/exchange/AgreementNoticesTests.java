package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StrictCharset;

/**
 * The notice file (MEDD) byte for byte against {@code sample-files/agreement-expiry/} (golden;
 * {@code LEKA_WRITE_SAMPLES=true} rewrites): the notice when a termination is registered and the
 * final notice on the last day of access.
 */
class AgreementNoticesTests {

    static final Path SAMPLES = Path.of("sample-files/agreement-expiry");
    static final OrgNumber FK = OrgNumber.parse("2021005521");
    static final OrgNumber INSURER = OrgNumber.parse("5566778899");

    @ParameterizedTest
    @CsvSource({
            "UPPS, 2026-11-16, 1, 5566778899_MEDD_20261116_0000001.txt, 2026-11-16T10:15:00",
            "SLUT, , 2, 5566778899_MEDD_20261231_0000002.txt, 2026-12-31T01:30:07"})
    void the_notices(String code, String receivedOn, long sequence, String sample, String created) throws Exception {
        String record = AgreementNotices.record(code, "AVT-2026-0001", receivedOn == null ? null : LocalDate.parse(receivedOn),
                LocalDate.of(2027, 1, 1));
        assertThat(record).hasSize(AgreementNotices.RECORD_LENGTH).startsWith("60" + code + "AVT-2026-0001");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileName name = FileName.parse(sample);
        assertThat(name.fileType()).isEqualTo(FileType.MEDD);
        assertThat(name.sequenceNumber()).isEqualTo(sequence);
        AgreementNotices.write(FK, "AVT-2026-0001", name, LocalDateTime.parse(created), record, out);
        Path golden = SAMPLES.resolve(sample);
        if ("true".equals(System.getenv("LEKA_WRITE_SAMPLES"))) {
            Files.createDirectories(SAMPLES);
            Files.write(golden, out.toByteArray());
        }
        assertThat(out.toString(StrictCharset.FILES)).isEqualTo(Files.readString(golden, StandardCharsets.ISO_8859_1));
    }

    @Test
    void a_long_agreement_id_is_cut_to_its_field() {
        assertThat(AgreementNotices.record(AgreementNotices.FINAL, "X".repeat(25), null, LocalDate.of(2027, 1, 1)))
                .as("a long agreement id is cut to its field").hasSize(120).contains("X".repeat(20) + "          2027-01-01");
    }
}
