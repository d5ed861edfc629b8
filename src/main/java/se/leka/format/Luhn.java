package se.leka.format;

/**
 * The mod-10 (Luhn) check used by both personnummer and organisationsnummer: weights 2,1,2,1,…
 * from the left over the nine digits before the check digit.
 */
final class Luhn {

    private Luhn() {
    }

    /** The check digit for nine digits {@code YYMMDDNNN} (or an orgnr's first nine). */
    static int checkDigit(CharSequence nineDigits) {
        if (nineDigits.length() != 9) {
            throw new IllegalArgumentException("Luhn check digit needs exactly nine digits");
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int product = (nineDigits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product > 9 ? product - 9 : product;
        }
        return (10 - sum % 10) % 10;
    }

    static boolean isValid(CharSequence tenDigits) {
        return tenDigits.length() == 10
                && checkDigit(tenDigits.subSequence(0, 9)) == tenDigits.charAt(9) - '0';
    }
}
