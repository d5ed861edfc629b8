package se.leka.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which runs the scheduler's start-up catch-up finds missed, and in which order. */
class NightlySchedulerTests {

    static final Map<String, String> NIGHT = Map.of(
            "agreement-expiry", "0 30 1 * * *",
            "daily-notification", "0 0 2 * * *",
            "fee-calculation", "0 0 4 1 * *");

    @Test
    void every_firing_in_the_window_oldest_first_and_by_time_of_night() {
        // The window starts 2026-11-30T03:00: that night's runs are before it.
        ZonedDateTime now = ZonedDateTime.of(2026, 12, 2, 3, 0, 0, 0, NightlyScheduler.SWEDEN);
        assertThat(NightlyScheduler.missed(NIGHT, now, 2))
                .extracting(d -> d.runDate().toString(), NightlyScheduler.Due::jobName)
                .containsExactly(
                        tuple("2026-12-01", "agreement-expiry"),
                        tuple("2026-12-01", "daily-notification"),
                        tuple("2026-12-01", "fee-calculation"),
                        tuple("2026-12-02", "agreement-expiry"),
                        tuple("2026-12-02", "daily-notification"));
    }

    @Test
    void a_firing_later_today_is_not_missed_and_the_business_date_is_swedish() {
        ZonedDateTime now = ZonedDateTime.of(2026, 12, 2, 1, 29, 59, 0, NightlyScheduler.SWEDEN);
        assertThat(NightlyScheduler.missed(Map.of("agreement-expiry", "0 30 1 * * *"), now, 1))
                .extracting(NightlyScheduler.Due::runDate).containsExactly(LocalDate.of(2026, 12, 1));
        // 00:30 in Stockholm on 1 December is still 30 November in UTC: the run date is the Swedish day.
        ZonedDateTime justAfter = ZonedDateTime.of(2026, 12, 1, 0, 45, 0, 0, NightlyScheduler.SWEDEN);
        assertThat(NightlyScheduler.missed(Map.of("x", "0 30 0 * * *"), justAfter, 1))
                .extracting(NightlyScheduler.Due::runDate).containsExactly(LocalDate.of(2026, 12, 1));
    }
}
