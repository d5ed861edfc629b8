package se.leka.notification;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sweden's public holidays (allmänna helgdagar, lagen 1989:253) for any year, plus the eves that
 * are de facto non-working days (midsommarafton, julafton, nyårsafton). Easter is computed with the
 * anonymous Gregorian algorithm (Meeus/Jones/Butcher); the movable feasts follow from it.
 */
public final class SwedishHolidays {

    private SwedishHolidays() {
    }

    /** Every holiday and non-working eve of {@code year}, by date, with its Swedish name. */
    public static Map<LocalDate, String> of(int year) {
        Map<LocalDate, String> days = new TreeMap<>();
        LocalDate easter = easterSunday(year);
        days.put(LocalDate.of(year, Month.JANUARY, 1), "nyårsdagen");
        days.put(LocalDate.of(year, Month.JANUARY, 6), "trettondedag jul");
        days.put(easter.minusDays(2), "långfredagen");
        days.put(easter, "påskdagen");
        days.put(easter.plusDays(1), "annandag påsk");
        days.put(LocalDate.of(year, Month.MAY, 1), "första maj");
        days.put(easter.plusDays(39), "Kristi himmelsfärdsdag");
        days.put(easter.plusDays(49), "pingstdagen");
        days.put(LocalDate.of(year, Month.JUNE, 6), "Sveriges nationaldag");
        LocalDate midsummerDay = LocalDate.of(year, Month.JUNE, 20).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        days.put(midsummerDay.minusDays(1), "midsommarafton");
        days.put(midsummerDay, "midsommardagen");
        days.put(LocalDate.of(year, Month.OCTOBER, 31).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)), "alla helgons dag");
        days.put(LocalDate.of(year, Month.DECEMBER, 24), "julafton");
        days.put(LocalDate.of(year, Month.DECEMBER, 25), "juldagen");
        days.put(LocalDate.of(year, Month.DECEMBER, 26), "annandag jul");
        days.put(LocalDate.of(year, Month.DECEMBER, 31), "nyårsafton");
        return days;
    }

    public static boolean isHoliday(LocalDate day) {
        return of(day.getYear()).containsKey(day);
    }

    /** Easter Sunday in the Gregorian calendar. */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
