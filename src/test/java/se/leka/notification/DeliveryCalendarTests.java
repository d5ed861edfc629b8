package se.leka.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryCalendarTests {

    final DeliveryCalendar businessDays = new DeliveryCalendar(DeliveryCalendar.Kind.BUSINESS_DAYS);
    final DeliveryCalendar everyDay = new DeliveryCalendar(DeliveryCalendar.Kind.EVERY_DAY);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            // Easter Sundays from published calendars, across the algorithm's branches
            "2000-04-23, påskdagen", "2019-04-21, påskdagen", "2024-03-31, påskdagen", "2025-04-20, påskdagen",
            "2026-04-05, påskdagen", "2027-03-28, påskdagen", "2038-04-25, påskdagen",
            "2026-04-03, långfredagen", "2026-04-06, annandag påsk", "2025-04-21, annandag påsk",
            "2025-05-29, Kristi himmelsfärdsdag", "2026-05-14, Kristi himmelsfärdsdag", "2024-05-09, Kristi himmelsfärdsdag",
            "2026-05-24, pingstdagen",
            "2024-06-21, midsommarafton", "2025-06-20, midsommarafton", "2026-06-19, midsommarafton", "2027-06-25, midsommarafton",
            "2026-06-20, midsommardagen",
            "2025-11-01, alla helgons dag", "2026-10-31, alla helgons dag", "2027-11-06, alla helgons dag",
            "2026-06-06, Sveriges nationaldag", "2026-01-06, trettondedag jul", "2026-12-24, julafton",
            "2026-12-26, annandag jul", "2026-12-31, nyårsafton", "2027-01-01, nyårsdagen", "2026-05-01, första maj",
    })
    void knows_the_swedish_holidays(LocalDate day, String name) {
        assertThat(SwedishHolidays.of(day.getYear())).containsEntry(day, name);
    }

    @Test
    void ordinary_days_are_not_holidays() {
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 6, 18))).isFalse(); // the day before midsommarafton
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 4, 2))).isFalse();  // skärtorsdagen
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 4, 7))).isFalse();  // the day after annandag påsk
        assertThat(SwedishHolidays.of(2026)).hasSize(16);
    }

    @Test
    void business_days_skip_weekends_and_holidays() {
        assertThat(businessDays.isDeliveryDay(LocalDate.of(2026, 11, 30))).isTrue();   // Monday
        assertThat(businessDays.isDeliveryDay(LocalDate.of(2026, 11, 28))).isFalse();  // Saturday
        assertThat(businessDays.isDeliveryDay(LocalDate.of(2026, 6, 19))).isFalse();   // midsommarafton, a Friday
        assertThat(businessDays.nextDeliveryDay(LocalDate.of(2026, 6, 19))).isEqualTo(LocalDate.of(2026, 6, 22));
        assertThat(businessDays.nextDeliveryDay(LocalDate.of(2026, 4, 3))).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(businessDays.nextDeliveryDay(LocalDate.of(2026, 12, 24))).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(businessDays.nextDeliveryDay(LocalDate.of(2026, 12, 31))).isEqualTo(LocalDate.of(2027, 1, 4));
    }

    @ParameterizedTest(name = "{0} ({1}) is no business day; changes go out on {2}")
    @CsvSource({
            "2027-03-29, annandag påsk, 2027-03-30", "2027-05-06, Kristi himmelsfärdsdag, 2027-05-07", "2027-06-25, midsommarafton, 2027-06-28",
            "2028-04-17, annandag påsk, 2028-04-18", "2028-05-25, Kristi himmelsfärdsdag, 2028-05-26", "2028-06-23, midsommarafton, 2028-06-26",
            "2029-04-02, annandag påsk, 2029-04-03", "2029-05-10, Kristi himmelsfärdsdag, 2029-05-11", "2029-06-22, midsommarafton, 2029-06-25",
            "2030-04-22, annandag påsk, 2030-04-23", "2030-05-30, Kristi himmelsfärdsdag, 2030-05-31", "2030-06-21, midsommarafton, 2030-06-24",
    })
    void movable_holidays_across_years_move_the_delivery(LocalDate day, String name, LocalDate next) {
        assertThat(SwedishHolidays.of(day.getYear())).containsEntry(day, name);
        assertThat(businessDays.isDeliveryDay(day)).isFalse();
        assertThat(businessDays.nextDeliveryDay(day)).isEqualTo(next);
    }

    @Test
    void every_day_delivers_on_holidays_too() {
        assertThat(everyDay.isDeliveryDay(LocalDate.of(2026, 12, 25))).isTrue();
        assertThat(everyDay.nextDeliveryDay(LocalDate.of(2026, 6, 19))).isEqualTo(LocalDate.of(2026, 6, 19));
    }
}
