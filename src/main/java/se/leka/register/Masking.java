package se.leka.register;

import java.util.regex.Pattern;

/** Keeps personnummer out of messages that reach logs and operators (a database error may quote a key). */
final class Masking {

    private static final Pattern TWELVE_DIGITS = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{6})[0-9]{4}(?![0-9])");

    private Masking() {
    }

    static String mask(String text) {
        return text == null ? null : TWELVE_DIGITS.matcher(text).replaceAll("$1-****");
    }
}
