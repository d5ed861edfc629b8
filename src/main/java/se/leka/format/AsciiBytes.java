package se.leka.format;

import java.time.LocalDate;

/**
 * Numbers and dates written as ASCII digits straight into a byte buffer, for the writers that
 * stream millions of rows to PostgreSQL ({@link CopyRows}, the register's COPY loader) without a
 * String per value.
 */
public final class AsciiBytes {

    private AsciiBytes() {
    }

    /** {@code value} (not negative) zero-padded to {@code width} digits at {@code at}; returns the position after it. */
    public static int digits(byte[] buffer, int at, long value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** Whether {@link #isoDate} can write {@code date}: a year of four digits. */
    public static boolean fourDigitYear(LocalDate date) {
        return date.getYear() >= 0 && date.getYear() <= 9999;
    }

    /**
     * {@code yyyy-MM-dd} at {@code at}, as {@link LocalDate#toString()} writes a date with a
     * {@linkplain #fourDigitYear four-digit year}; returns the position after it.
     */
    public static int isoDate(byte[] buffer, int at, LocalDate date) {
        int n = digits(buffer, at, date.getYear(), 4);
        buffer[n++] = '-';
        n = digits(buffer, n, date.getMonthValue(), 2);
        buffer[n++] = '-';
        return digits(buffer, n, date.getDayOfMonth(), 2);
    }
}
