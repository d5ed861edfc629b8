package se.leka.format;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;

/**
 * The start record ({@code 00}) that opens every LEKA file, inbound and outbound. Fixed width,
 * 80 characters (trailing spaces may be left out by the sender):
 *
 * <pre>
 * pos len field
 *   1   2 record type      "00"
 *   3   4 file type        BEST, HELU, FRAG, KVIT, LEVE, SVAR, AVGI, MEDD
 *   7   2 format version   two digits, "01"
 *   9  10 sender           organisationsnummer of the party (or agent) that wrote the file
 *  19  10 principal        organisationsnummer the agent acts for; spaces when the sender acts for itself
 *  29  20 agreement id     left-aligned, space-padded
 *  49   7 sequence number  löpnummer, zero-padded, per party and file type, from 0000001
 *  56  19 created          yyyy-MM-ddTHH:mm:ss (Swedish local time)
 *  75   6 filler           spaces
 * </pre>
 *
 * The layout is documented for partners in {@code jobs/README.md} ("The file envelope").
 */
public record StartRecord(FileType fileType, int formatVersion, OrgNumber sender, OrgNumber principal,
                          String agreementId, long sequenceNumber, LocalDateTime created) {

    public static final int LENGTH = 80;
    private static final int MIN_LENGTH = 74;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    public StartRecord {
        Objects.requireNonNull(fileType, "fileType");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(created, "created");
        agreementId = agreementId == null ? "" : agreementId.strip();
        if (formatVersion < 1 || formatVersion > 99) {
            throw new IllegalArgumentException("format version must be 1-99");
        }
        if (sequenceNumber < 1 || sequenceNumber > 9_999_999) {
            throw new IllegalArgumentException("sequence number must be 1-9999999");
        }
        if (agreementId.length() > 20) {
            throw new IllegalArgumentException("agreement id is at most 20 characters");
        }
    }

    /** The party whose agreement the file belongs to: the principal when an agent sends, else the sender. */
    public OrgNumber party() {
        return principal != null ? principal : sender;
    }

    public boolean sentByAgent() {
        return principal != null;
    }

    /**
     * Parses a start record line.
     *
     * @throws FileEnvelopeException naming the field that is wrong
     */
    public static StartRecord parse(String line) {
        if (line == null || !line.startsWith("00")) {
            throw new FileEnvelopeException("recordType", "the first line must be a start record beginning with 00");
        }
        if (line.length() < MIN_LENGTH || line.length() > LENGTH) {
            throw new FileEnvelopeException("length", "a start record has " + LENGTH + " characters (at least "
                    + MIN_LENGTH + " without the filler); this one has " + line.length());
        }
        String typeCode = line.substring(2, 6);
        FileType type = FileType.fromCode(typeCode)
                .orElseThrow(() -> new FileEnvelopeException("fileType", "unknown file type '" + typeCode + "'"));
        String version = line.substring(6, 8);
        if (!version.matches("\\d\\d")) {
            throw new FileEnvelopeException("formatVersion", "format version must be two digits, was '" + version + "'");
        }
        OrgNumber sender = orgNumber(line.substring(8, 18), "sender");
        String principalField = line.substring(18, 28);
        OrgNumber principal = principalField.isBlank() ? null : orgNumber(principalField, "principal");
        String agreementId = line.substring(28, 48).strip();
        String sequence = line.substring(48, 55);
        if (!sequence.matches("\\d{7}") || Long.parseLong(sequence) == 0) {
            throw new FileEnvelopeException("sequenceNumber", "sequence number must be seven digits from 0000001, was '" + sequence + "'");
        }
        LocalDateTime created;
        try {
            created = LocalDateTime.parse(line.substring(55, 74), CREATED);
        } catch (DateTimeParseException e) {
            throw new FileEnvelopeException("created", "created must be yyyy-MM-ddTHH:mm:ss, was '" + line.substring(55, 74) + "'");
        }
        if (line.length() > MIN_LENGTH && !line.substring(MIN_LENGTH).isBlank()) {
            throw new FileEnvelopeException("filler", "positions 75-80 of the start record must be spaces");
        }
        if (principal != null && principal.equals(sender)) {
            throw new FileEnvelopeException("principal", "principal is only given when an agent sends for another party");
        }
        return new StartRecord(type, Integer.parseInt(version), sender, principal, agreementId, Long.parseLong(sequence), created);
    }

    private static OrgNumber orgNumber(String field, String name) {
        try {
            return OrgNumber.parse(field);
        } catch (InvalidIdentityNumberException e) {
            throw new FileEnvelopeException(name, name + " is not a valid organisationsnummer: " + e.getMessage());
        }
    }

    /** The 80-character line. */
    public String format() {
        return "00" + fileType.code() + String.format("%02d", formatVersion) + sender.value()
                + (principal == null ? " ".repeat(10) : principal.value())
                + String.format("%-20s", agreementId) + String.format("%07d", sequenceNumber)
                + CREATED.format(created) + " ".repeat(6);
    }
}
