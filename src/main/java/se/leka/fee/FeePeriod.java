package se.leka.fee;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A fee period: a calendar month or quarter, both days included. */
public record FeePeriod(Kind kind, LocalDate start, LocalDate end) {

    public enum Kind {
        MONTH(1), QUARTER(3);

        private final int months;

        Kind(int months) {
            this.months = months;
        }

        /** The period of this kind that contains {@code day}. */
        public FeePeriod containing(LocalDate day) {
            int firstMonth = (day.getMonthValue() - 1) / months * months + 1;
            LocalDate start = LocalDate.of(day.getYear(), firstMonth, 1);
            return new FeePeriod(this, start, start.plusMonths(months).minusDays(1));
        }
    }

    public FeePeriod {
        Objects.requireNonNull(kind, "kind");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a period ends on or after its start");
        }
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(start, end) + 1;
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    /** {@code 2026-11} for a month, {@code 2026-Q4} for a quarter. */
    public String label() {
        return kind == Kind.MONTH ? start.toString().substring(0, 7)
                : start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
    }

    @Override
    public String toString() {
        return label() + " (" + start + " – " + end + ")";
    }
}
