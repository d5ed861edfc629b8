package se.leka.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileEnvelopeTests {

    static final OrgNumber INSURER = OrgNumber.parse("5566778899");
    static final OrgNumber AGENT = OrgNumber.parse("5569988776");
    static final String START = "00BEST0155667788990000000000AVT-2026-0001       00000422026-11-30T06:15:00      "
            .replace("0000000000AVT", "          AVT");

    @Test
    void start_record_round_trips_at_80_characters() {
        StartRecord record = new StartRecord(FileType.BEST, 1, INSURER, null, "AVT-2026-0001", 42,
                LocalDateTime.of(2026, 11, 30, 6, 15));
        assertThat(record.format()).hasSize(StartRecord.LENGTH).isEqualTo(START);
        assertThat(StartRecord.parse(START)).isEqualTo(record);
        assertThat(StartRecord.parse(START.stripTrailing())).as("filler may be left out").isEqualTo(record);
        assertThat(record.party()).isEqualTo(INSURER);
        assertThat(record.sentByAgent()).isFalse();
    }

    @Test
    void an_agents_start_record_names_the_principal_as_the_party() {
        StartRecord record = new StartRecord(FileType.FRAG, 1, AGENT, INSURER, "AVT-2026-0001", 7,
                LocalDateTime.of(2026, 11, 30, 6, 15));
        StartRecord parsed = StartRecord.parse(record.format());
        assertThat(parsed.party()).isEqualTo(INSURER);
        assertThat(parsed.sender()).isEqualTo(AGENT);
        assertThat(parsed.sentByAgent()).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "10BEST0155667788990000000000AVT-2026-0001       00000422026-11-30T06:15:00|recordType",
            "00BEST01556677889|length",
            "00XXXX0155667788990000000000AVT-2026-0001       00000422026-11-30T06:15:00|fileType",
            "00BESTA155667788990000000000AVT-2026-0001       00000422026-11-30T06:15:00|formatVersion",
            "00BEST0155667788980000000000AVT-2026-0001       00000422026-11-30T06:15:00|sender",
            "00BEST0155667788995566778898AVT-2026-0001       00000422026-11-30T06:15:00|principal",
            "00BEST0155667788995566778899AVT-2026-0001       00000422026-11-30T06:15:00|principal",
            "00BEST0155667788990000000000AVT-2026-0001       00000002026-11-30T06:15:00|sequenceNumber",
            "00BEST0155667788990000000000AVT-2026-0001       00000422026-11-31T06:15:00|created",
            "00BEST0155667788990000000000AVT-2026-0001       00000422026-11-30T06:15:00  X   |filler",
    })
    void start_record_errors_name_the_field(String line, String field) {
        String withBlankPrincipal = line.replace("0000000000AVT", "          AVT");
        assertThatThrownBy(() -> StartRecord.parse(withBlankPrincipal))
                .isInstanceOf(FileEnvelopeException.class)
                .satisfies(e -> assertThat(((FileEnvelopeException) e).field()).isEqualTo(field));
    }

    @Test
    void end_record_round_trips_and_checks_its_count() {
        assertThat(new EndRecord(3).format()).hasSize(80).startsWith("99000000003");
        assertThat(EndRecord.parse("99000000003")).isEqualTo(new EndRecord(3));
        assertThatThrownBy(() -> EndRecord.parse("9900000003x"))
                .isInstanceOfSatisfying(FileEnvelopeException.class, e -> assertThat(e.field()).isEqualTo("recordCount"));
        assertThatThrownBy(() -> EndRecord.parse("00000000003"))
                .isInstanceOfSatisfying(FileEnvelopeException.class, e -> assertThat(e.field()).isEqualTo("recordType"));
    }

    @Test
    void file_name_round_trips() {
        FileName name = FileName.parse("5566778899_BEST_20261130_0000042.txt");
        assertThat(name).isEqualTo(new FileName(INSURER, FileType.BEST, LocalDate.of(2026, 11, 30), 42));
        assertThat(name).hasToString("5566778899_BEST_20261130_0000042.txt");
    }

    @ParameterizedTest
    @CsvSource({
            "5566778899_BEST_20261130_0000042.txt.part",
            "5566778899_BEST_20261130_42.txt",
            "5566778898_BEST_20261130_0000042.txt",
            "5566778899_XXXX_20261130_0000042.txt",
            "5566778899_BEST_20261131_0000042.txt",
            "5566778899_BEST_20261130_0000000.txt",
            "order.txt",
    })
    void file_names_off_the_pattern_are_refused(String name) {
        assertThatThrownBy(() -> FileName.parse(name)).isInstanceOfSatisfying(FileEnvelopeException.class,
                e -> assertThat(e.field()).isEqualTo("fileName"));
    }

    @Test
    void an_upload_in_progress_is_recognised_by_its_suffix() {
        assertThat(FileName.isUploadInProgress("5566778899_BEST_20261130_0000042.txt.part")).isTrue();
        assertThat(FileName.isUploadInProgress("5566778899_BEST_20261130_0000042.txt")).isFalse();
    }
}
