package se.leka.format;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

import se.leka.format.InvalidIdentityNumberException.Reason;

/**
 * A Swedish personal identity number (personnummer) or coordination number (samordningsnummer),
 * held in the registers' canonical 12-digit form {@code YYYYMMDDNNNC}.
 *
 * <p>Accepted input: {@code YYYYMMDDNNNC}, {@code YYYYMMDD-NNNC}, {@code YYMMDDNNNC},
 * {@code YYMMDD-NNNC} and {@code YYMMDD+NNNC}. A ten-digit number gets the century that makes the
 * person younger than 100 on the reference date ({@code -} or no separator) or at least 100
 * ({@code +}). The check digit is Luhn over {@code YYMMDDNNN}; the century does not take part. A
 * samordningsnummer has 60 added to the day of birth. The date must be a real calendar date, not
 * after the reference date.
 *
 * <p>{@link #toString()} masks the birth number ({@code 20000101-****}) so that a number can never
 * reach a log by accident; use {@link #value()} where the full number is really needed (files, the
 * disclosure log).
 */
public final class Personnummer implements Comparable<Personnummer> {

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final int SAMORDNING_DAY_OFFSET = 60;

    private final String digits;
    private final LocalDate birthDate;

    private Personnummer(String digits, LocalDate birthDate) {
        this.digits = digits;
        this.birthDate = birthDate;
    }

    /** Parses with today's date in Sweden as the reference for the century of ten-digit input. */
    public static Personnummer parse(String text) {
        return parse(text, LocalDate.now(SWEDEN));
    }

    /**
     * Parses {@code text}, using {@code referenceDate} to decide the century of ten-digit input and
     * to refuse birth dates in the future.
     *
     * @throws InvalidIdentityNumberException with a stable {@link Reason} when the number is not valid
     */
    public static Personnummer parse(String text, LocalDate referenceDate) {
        Objects.requireNonNull(referenceDate, "referenceDate");
        if (text == null || text.isBlank()) {
            throw invalid(Reason.BLANK, "personnummer is empty");
        }
        String s = text.strip();
        char separator = '-';
        if (s.length() == 11 || s.length() == 13) {
            separator = s.charAt(s.length() - 5);
            if (separator != '-' && separator != '+') {
                throw invalid(Reason.BAD_SEPARATOR, "personnummer separator must be '-' or '+'");
            }
            if (s.length() == 13 && separator == '+') {
                throw invalid(Reason.BAD_SEPARATOR, "a twelve-digit personnummer carries its century; '+' is only used with ten digits");
            }
            s = s.substring(0, s.length() - 5) + s.substring(s.length() - 4);
        }
        if (s.length() != 10 && s.length() != 12) {
            throw invalid(Reason.WRONG_LENGTH, "personnummer must have 10 or 12 digits, had " + s.length() + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw invalid(Reason.NOT_DIGITS, "personnummer may only contain digits and one separator");
            }
        }
        String tenDigits = s.length() == 12 ? s.substring(2) : s;
        if (!Luhn.isValid(tenDigits)) {
            throw invalid(Reason.CHECK_DIGIT, "personnummer check digit does not match");
        }
        int month = Integer.parseInt(tenDigits.substring(2, 4));
        int dayField = Integer.parseInt(tenDigits.substring(4, 6));
        int day = dayField > SAMORDNING_DAY_OFFSET ? dayField - SAMORDNING_DAY_OFFSET : dayField;
        int year = s.length() == 12
                ? Integer.parseInt(s.substring(0, 4))
                : inferYear(Integer.parseInt(tenDigits.substring(0, 2)), month, day, separator, referenceDate);
        LocalDate birthDate = dateOf(year, month, day);
        if (birthDate.isAfter(referenceDate)) {
            throw invalid(Reason.FUTURE_DATE, "personnummer has a date of birth after " + referenceDate);
        }
        // the year in four digits (0 to 9999), without String.format: this runs once per register row read
        return new Personnummer(Integer.toString(10_000 + year).substring(1) + tenDigits.substring(2), birthDate);
    }

    /** True when {@link #parse(String)} would accept {@code text}. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidIdentityNumberException e) {
            return false;
        }
    }

    private static int inferYear(int twoDigitYear, int month, int day, char separator, LocalDate referenceDate) {
        int year = referenceDate.getYear() / 100 * 100 + twoDigitYear;
        if (year > referenceDate.getYear() || birthdayIsAfter(year, month, day, referenceDate)) {
            year -= 100;
        }
        return separator == '+' ? year - 100 : year;
    }

    /** Compares month/day only, so an invalid day in the candidate year is reported later as INVALID_DATE. */
    private static boolean birthdayIsAfter(int year, int month, int day, LocalDate referenceDate) {
        return year == referenceDate.getYear()
                && (month > referenceDate.getMonthValue()
                || month == referenceDate.getMonthValue() && day > referenceDate.getDayOfMonth());
    }

    private static LocalDate dateOf(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw invalid(Reason.INVALID_DATE, "personnummer does not hold a real date of birth");
        }
    }

    private static InvalidIdentityNumberException invalid(Reason reason, String message) {
        return new InvalidIdentityNumberException(reason, message);
    }

    /** The canonical twelve digits {@code YYYYMMDDNNNC}. */
    public String value() {
        return digits;
    }

    /** The real date of birth (for a samordningsnummer: the day without the +60). */
    public LocalDate birthDate() {
        return birthDate;
    }

    public boolean isSamordningsnummer() {
        return Integer.parseInt(digits.substring(6, 8)) > SAMORDNING_DAY_OFFSET;
    }

    /** The third digit of the birth number is odd for men and even for women. */
    public boolean isMale() {
        return (digits.charAt(10) - '0') % 2 == 1;
    }

    /** {@code YYMMDD-NNNC}, with {@code +} from the year the person turns 100 as of {@code on}. */
    public String presentationForm(LocalDate on) {
        char separator = on.getYear() - birthDate.getYear() >= 100 ? '+' : '-';
        return digits.substring(2, 8) + separator + digits.substring(8);
    }

    /** {@code YYYYMMDD-****}: safe for logs and operator screens. */
    public String masked() {
        return digits.substring(0, 8) + "-****";
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Personnummer other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public int compareTo(Personnummer other) {
        return digits.compareTo(other.digits);
    }
}
