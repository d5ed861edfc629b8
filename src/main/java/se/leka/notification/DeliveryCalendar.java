package se.leka.notification;

import java.time.DayOfWeek;
import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which days produce change deliveries (setting {@code leka.notification.calendar}):
 * {@code EVERY_DAY} (the default) or {@code BUSINESS_DAYS} — Monday to Friday except Swedish
 * public holidays and the eves that are not working days ({@link SwedishHolidays}). Changes that
 * arrive on a day without delivery go out with the next delivery day's run.
 */
@Component
public class DeliveryCalendar {

    /** The calendars an operator can choose. */
    public enum Kind {
        EVERY_DAY, BUSINESS_DAYS
    }

    private final Kind kind;

    public DeliveryCalendar(@Value("${leka.notification.calendar:EVERY_DAY}") Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isDeliveryDay(LocalDate day) {
        return kind == Kind.EVERY_DAY || isBusinessDay(day);
    }

    /** {@code day} itself when it is a delivery day, else the first delivery day after it. */
    public LocalDate nextDeliveryDay(LocalDate day) {
        LocalDate d = day;
        while (!isDeliveryDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    static boolean isBusinessDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !SwedishHolidays.isHoliday(day);
    }
}
