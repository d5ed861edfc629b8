package se.leka.format;

import java.util.Objects;

import se.leka.format.InvalidIdentityNumberException.Reason;

/**
 * A Swedish organisationsnummer: ten digits, Luhn check digit, and a third digit of at least 2
 * (which is what separates a legal person's number from a personnummer). Accepted as
 * {@code NNNNNNNNNN}, {@code NNNNNN-NNNN} or with the {@code 16} century prefix that some registers
 * use; held as ten digits.
 */
public final class OrgNumber implements Comparable<OrgNumber> {

    private final String digits;

    private OrgNumber(String digits) {
        this.digits = digits;
    }

    /** @throws InvalidIdentityNumberException with a stable {@link Reason} when the number is not valid */
    public static OrgNumber parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidIdentityNumberException(Reason.BLANK, "organisationsnummer is empty");
        }
        String s = text.strip();
        if (s.length() == 11) {
            if (s.charAt(6) != '-') {
                throw new InvalidIdentityNumberException(Reason.BAD_SEPARATOR, "organisationsnummer separator must be '-'");
            }
            s = s.substring(0, 6) + s.substring(7);
        }
        if (s.length() == 12 && s.startsWith("16")) {
            s = s.substring(2);
        }
        if (s.length() != 10) {
            throw new InvalidIdentityNumberException(Reason.WRONG_LENGTH, "organisationsnummer must have 10 digits");
        }
        for (int i = 0; i < 10; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new InvalidIdentityNumberException(Reason.NOT_DIGITS, "organisationsnummer may only contain digits");
            }
        }
        if (s.charAt(2) < '2') {
            throw new InvalidIdentityNumberException(Reason.NOT_AN_ORGANISATION,
                    "third digit of an organisationsnummer is at least 2; this looks like a personnummer");
        }
        if (!Luhn.isValid(s)) {
            throw new InvalidIdentityNumberException(Reason.CHECK_DIGIT, "organisationsnummer check digit does not match");
        }
        return new OrgNumber(s);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidIdentityNumberException e) {
            return false;
        }
    }

    /** The ten digits, as stored and as written in files. */
    public String value() {
        return digits;
    }

    /** {@code NNNNNN-NNNN}. */
    @Override
    public String toString() {
        return digits.substring(0, 6) + "-" + digits.substring(6);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrgNumber other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }

    @Override
    public int compareTo(OrgNumber other) {
        return digits.compareTo(other.digits);
    }
}
