package se.leka.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class RepeatedFactFilterTests {

    private static StagedRow row(long i, String decision, LocalDate paid) {
        String personnummer = String.format("%012d", 195001011000L + i / 4);
        return new StagedRow(i + 2, personnummer, false, "BENCH", "SJUK", "SJPN", decision, LocalDate.of(2026, 1, 5),
                null, new BigDecimal("100"), new BigDecimal("800.00"), "DAG", paid, null, "GRANTED",
                LocalDateTime.of(2026, 3, 1, 18, 0));
    }

    @Test
    void every_repeated_fact_is_a_candidate_and_few_others_are() {
        RepeatedFactFilter filter = new RepeatedFactFilter();
        int rows = 500_000;
        for (int i = 0; i < rows; i++) {
            filter.add(row(i, "D" + i, i % 10 == 9 ? LocalDate.of(2026, 2, 25) : null));
        }
        // a decision and its payment are different facts; the same decision again is a repetition
        filter.add(row(17, "D17", null));
        filter.add(row(19, "D19", LocalDate.of(2026, 2, 25)));

        assertThat(filter.overflowed()).isFalse();
        assertThat(filter.candidates()).contains(row(17, "D17", null).factKey(),
                row(19, "D19", LocalDate.of(2026, 2, 25)).factKey());
        // false positives: the expected rate at 500,000 keys is well under 1 in 10^6 (32 MiB, 4 probes)
        assertThat(filter.candidates()).hasSizeLessThan(10);
    }

    @Test
    void an_extract_repeating_many_facts_makes_it_give_up() {
        RepeatedFactFilter filter = new RepeatedFactFilter();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i <= RepeatedFactFilter.MAX_CANDIDATES; i++) {
                filter.add(row(i, "D" + i, null));
            }
        }
        assertThat(filter.overflowed()).isTrue();
        assertThat(filter.candidates()).isEmpty();
    }
}
