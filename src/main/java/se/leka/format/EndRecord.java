package se.leka.format;

/**
 * The end record ({@code 99}) that closes every LEKA file. Fixed width, 80 characters (trailing
 * spaces may be left out):
 *
 * <pre>
 * pos len field
 *   1   2 record type   "99"
 *   3   9 record count  number of detail records (not counting 00 and 99), zero-padded
 *  12  69 filler        spaces
 * </pre>
 */
public record EndRecord(long recordCount) {

    public static final int LENGTH = 80;

    public EndRecord {
        if (recordCount < 0 || recordCount > 999_999_999) {
            throw new IllegalArgumentException("record count must be 0-999999999");
        }
    }

    /** @throws FileEnvelopeException naming the field that is wrong */
    public static EndRecord parse(String line) {
        if (line == null || !line.startsWith("99")) {
            throw new FileEnvelopeException("recordType", "the last line must be an end record beginning with 99");
        }
        if (line.length() < 11 || line.length() > LENGTH) {
            throw new FileEnvelopeException("length", "an end record has " + LENGTH + " characters (at least 11 without the filler)");
        }
        String count = line.substring(2, 11);
        if (!count.matches("\\d{9}")) {
            throw new FileEnvelopeException("recordCount", "record count must be nine digits, was '" + count + "'");
        }
        if (!line.substring(11).isBlank()) {
            throw new FileEnvelopeException("filler", "positions 12-80 of the end record must be spaces");
        }
        return new EndRecord(Long.parseLong(count));
    }

    public String format() {
        return "99" + String.format("%09d", recordCount) + " ".repeat(LENGTH - 11);
    }
}
