package se.leka.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A personnummer that reaches a job log line anyway is masked before it is stored; organisationsnummer are not. */
class JobLogMaskingTests {

    @Test
    void twelve_digit_personnummer_are_masked_in_every_written_form() {
        assertThat(JobLogAppender.mask("person 200001012384 done")).isEqualTo("person 20000101-**** done");
        assertThat(JobLogAppender.mask("person 20000101-2384, next 19121212+1212"))
                .isEqualTo("person 20000101-****, next 19121212-****");
    }

    @Test
    void organisation_numbers_file_names_and_other_numbers_are_left_alone() {
        String line = "partner 5566778899 file 5566778899_BEST_20261130_0000042.txt read 123456789012345 items";
        assertThat(JobLogAppender.mask(line)).isEqualTo(line);
    }
}
