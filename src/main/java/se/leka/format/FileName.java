package se.leka.format;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name every LEKA file carries: {@code <orgnr>_<TYPE>_<yyyyMMdd>_<seq>.txt}, e.g.
 * {@code 5566778899_BEST_20261130_0000042.txt}. {@code orgnr} is the party whose agreement the file
 * belongs to (the principal when an agent sends), {@code seq} the seven-digit löpnummer of the
 * start record. Partners upload under the name plus {@link #UPLOAD_SUFFIX} and rename when done.
 */
public record FileName(OrgNumber party, FileType fileType, LocalDate date, long sequenceNumber) {

    /** Suffix of a file still being uploaded; such a file is never picked up. */
    public static final String UPLOAD_SUFFIX = ".part";
    private static final Pattern PATTERN = Pattern.compile("(\\d{10})_([A-Z]{4})_(\\d{8})_(\\d{7})\\.txt");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    public FileName {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(fileType, "fileType");
        Objects.requireNonNull(date, "date");
        if (sequenceNumber < 1 || sequenceNumber > 9_999_999) {
            throw new IllegalArgumentException("sequence number must be 1-9999999");
        }
    }

    /** @throws FileEnvelopeException when the name does not follow the pattern */
    public static FileName parse(String name) {
        Matcher m = PATTERN.matcher(name == null ? "" : name);
        if (!m.matches()) {
            throw new FileEnvelopeException("fileName", "file name must be <orgnr>_<TYPE>_<yyyyMMdd>_<seq>.txt, e.g. "
                    + "5566778899_BEST_20261130_0000001.txt");
        }
        OrgNumber party;
        try {
            party = OrgNumber.parse(m.group(1));
        } catch (InvalidIdentityNumberException e) {
            throw new FileEnvelopeException("fileName", "file name does not start with a valid organisationsnummer");
        }
        FileType type = FileType.fromCode(m.group(2))
                .orElseThrow(() -> new FileEnvelopeException("fileName", "unknown file type '" + m.group(2) + "' in file name"));
        LocalDate date;
        try {
            date = LocalDate.parse(m.group(3), DATE);
        } catch (DateTimeParseException e) {
            throw new FileEnvelopeException("fileName", "file name date '" + m.group(3) + "' is not a real yyyyMMdd date");
        }
        long sequence = Long.parseLong(m.group(4));
        if (sequence == 0) {
            throw new FileEnvelopeException("fileName", "sequence number in the file name starts at 0000001");
        }
        return new FileName(party, type, date, sequence);
    }

    public static boolean isUploadInProgress(String name) {
        return name.endsWith(UPLOAD_SUFFIX);
    }

    @Override
    public String toString() {
        return party.value() + "_" + fileType.code() + "_" + DATE.format(date) + "_" + String.format("%07d", sequenceNumber) + ".txt";
    }
}
