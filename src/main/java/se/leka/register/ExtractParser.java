package se.leka.register;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import se.leka.format.Benefit;
import se.leka.format.BenefitFamily;
import se.leka.format.InvalidIdentityNumberException;
import se.leka.format.Personnummer;

/**
 * Reads a register extract (layout: {@code jobs/register-import/README.md}) as a stream: valid detail
 * records go to a consumer one at a time, errors to an {@link ErrorSink}; nothing is kept per row,
 * so memory does not grow with the extract. The file is UTF-8; a line whose bytes are not valid
 * UTF-8 is an error of that line, never silently replaced.
 */
final class ExtractParser {

    static final String FILE_TYPE = "LEKAREG";
    static final String FORMAT_VERSION = "1";
    static final int DETAIL_FIELDS = 15;

    private static final Pattern EXTRACT_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern SOURCE_SYSTEM = Pattern.compile("[A-Z0-9]{2,10}");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,12}");
    private static final Map<String, BigDecimal> EXTENTS = Stream.of("100", "75", "50", "25", "12.5")
            .collect(Collectors.toUnmodifiableMap(e -> e, BigDecimal::new));
    private static final Map<String, BenefitFamily> FAMILIES = Stream.of(BenefitFamily.values())
            .collect(Collectors.toUnmodifiableMap(BenefitFamily::code, f -> f));
    private static final Map<String, Benefit> BENEFITS = Stream.of(Benefit.values())
            .collect(Collectors.toUnmodifiableMap(Benefit::code, b -> b));
    private static final Set<String> AMOUNT_TYPES = Stream.of(AmountType.values()).map(AmountType::code)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> STATUSES = Stream.of(FactStatus.values()).map(FactStatus::name)
            .collect(Collectors.toUnmodifiableSet());

    /** Where errors go: line number (1-based), field name ("-" for the whole record), stable code, message. */
    interface ErrorSink {
        void error(long line, String field, String code, String message);
    }

    /** What a whole file held; {@code fileError} set means the file as a whole cannot be used. */
    record Summary(ExtractHeader header, Long declaredRows, long detailRows, long validRows, long errorRows,
                   String fileError) {
    }

    private ExtractParser() {
    }

    static Summary parse(Path file, Consumer<StagedRow> rows, ErrorSink errors) throws IOException {
        return parseInto(file, header -> rows, errors);
    }

    /**
     * As {@link #parse(Path, Consumer, ErrorSink)}, with the consumer of the valid rows chosen once the
     * start record has been read and found valid: {@code rowsFor} is called with it before the first
     * detail record (and not at all for a file without a valid start record).
     */
    static Summary parseInto(Path file, Function<ExtractHeader, Consumer<StagedRow>> rowsFor, ErrorSink errors)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Run(rowsFor, errors).read(in);
        }
    }

    private static final class Run {
        private final Function<ExtractHeader, Consumer<StagedRow>> rowsFor;
        private Consumer<StagedRow> rows;
        private final ErrorSink errors;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private ExtractHeader header;
        private Long declaredRows;
        private long lineNo;
        private long detailRows;
        private long validRows;
        private long errorRows;
        private String fileError;
        private boolean endSeen;
        private final List<String[]> lineErrors = new ArrayList<>();
        private final String[] fields = new String[DETAIL_FIELDS];

        Run(Function<ExtractHeader, Consumer<StagedRow>> rowsFor, ErrorSink errors) {
            this.rowsFor = rowsFor;
            this.errors = errors;
        }

        Summary read(InputStream in) throws IOException {
            byte[] chunk = new byte[1 << 16];
            byte[] line = new byte[256];
            int length = 0;
            int n;
            reading:
            while ((n = in.read(chunk)) != -1) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        line(line, length);
                        length = 0;
                        if (fileError != null && header == null) {
                            break reading;
                        }
                    } else {
                        if (length == line.length) {
                            line = java.util.Arrays.copyOf(line, line.length * 2);
                        }
                        line[length++] = b;
                    }
                }
            }
            if (length > 0 && !(fileError != null && header == null)) {
                line(line, length);
            }
            finish();
            return new Summary(header, declaredRows, detailRows, validRows, errorRows, fileError);
        }

        private void line(byte[] bytes, int length) {
            lineNo++;
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
            String text = decode(bytes, length);
            if (text == null) {
                if (lineNo == 1) {
                    fileFailure("-", "START_RECORD", "the start record is not valid UTF-8");
                    return;
                }
                detailRows++;
                rowError("-", "ENCODING", "the line is not valid UTF-8");
                errorRows++;
                return;
            }
            if (lineNo == 1) {
                header(text);
                return;
            }
            if (endSeen) {
                fileFailure("-", "AFTER_END_RECORD", "a record follows the end record (99)");
                return;
            }
            if (text.startsWith("99;") || text.equals("99")) {
                end(text);
                return;
            }
            detail(text);
        }

        private String decode(byte[] bytes, int length) {
            boolean ascii = true;
            for (int i = 0; i < length; i++) {
                if (bytes[i] < 0) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) {
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            try {
                return utf8.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }

        private void header(String text) {
            String[] f = text.split(";", -1);
            if (f.length != 7 || !"00".equals(f[0])) {
                fileFailure("-", "START_RECORD", "the first record must be a start record (00) of 7 fields");
                return;
            }
            if (!FILE_TYPE.equals(f[1])) {
                fileFailure("file_type", "START_RECORD", "file type must be " + FILE_TYPE);
                return;
            }
            if (!FORMAT_VERSION.equals(f[2])) {
                fileFailure("format_version", "FORMAT_VERSION", "format version '" + f[2] + "' is not supported (supported: " + FORMAT_VERSION + ")");
                return;
            }
            if (!EXTRACT_ID.matcher(f[3]).matches()) {
                fileFailure("extract_id", "START_RECORD", "extract id must be 1-40 of A-Z a-z 0-9 _ -");
                return;
            }
            ExtractHeader.Kind kind;
            try {
                kind = ExtractHeader.Kind.valueOf(f[4]);
            } catch (IllegalArgumentException e) {
                fileFailure("kind", "START_RECORD", "kind must be SNAPSHOT or DELTA");
                return;
            }
            if (!SOURCE_SYSTEM.matcher(f[5]).matches()) {
                fileFailure("source_system", "START_RECORD", "source system must be 2-10 of A-Z 0-9");
                return;
            }
            LocalDateTime created = timestamp(f[6]);
            if (created == null) {
                fileFailure("created", "START_RECORD", "created must be YYYY-MM-DDTHH:MM:SS");
                return;
            }
            header = new ExtractHeader(f[3], kind, f[5], created);
            rows = rowsFor.apply(header);
        }

        private void end(String text) {
            endSeen = true;
            String[] f = text.split(";", -1);
            if (f.length != 3) {
                fileFailure("-", "END_RECORD", "the end record (99) must have 3 fields");
                return;
            }
            if (header != null && !header.extractId().equals(f[1])) {
                fileFailure("extract_id", "END_RECORD", "the end record's extract id differs from the start record's");
                return;
            }
            if (!COUNT.matcher(f[2]).matches()) {
                fileFailure("row_count", "END_RECORD", "row count must be digits");
                return;
            }
            declaredRows = Long.parseLong(f[2]);
        }

        private void finish() {
            if (fileError != null) {
                return;
            }
            if (lineNo == 0) {
                fileFailure("-", "START_RECORD", "the file is empty");
            } else if (!endSeen) {
                lineNo++;
                fileFailure("-", "END_RECORD", "the file has no end record (99): truncated?");
            } else if (declaredRows != null && declaredRows != detailRows) {
                fileFailure("row_count", "ROW_COUNT", "the end record declares " + declaredRows + " detail records, the file has " + detailRows);
            }
        }

        private void detail(String text) {
            detailRows++;
            if (header == null) {
                errorRows++;
                rowError("-", "NO_START_RECORD", "no valid start record precedes this record");
                return;
            }
            String[] f = fields;
            int count = split(text, f);
            if (count != DETAIL_FIELDS || !"10".equals(f[0])) {
                errorRows++;
                rowError("-", count != DETAIL_FIELDS ? "FIELD_COUNT" : "RECORD_TYPE",
                        count != DETAIL_FIELDS
                                ? "a detail record has " + DETAIL_FIELDS + " fields, this line has " + count
                                : "record type must be 10 (detail), 99 (end) or 00 (start, first line only)");
                return;
            }
            lineErrors.clear();
            String pnr = f[1];
            if (!digits(pnr, 0, 12) || pnr.length() != 12) {
                add("personnummer", "PERSONNUMMER", "must be 12 digits YYYYMMDDNNNC");
            } else {
                String[] refusal = personnummerRefusal(pnr);
                if (refusal != null) {
                    add("personnummer", refusal[0], refusal[1]);
                }
            }
            boolean protectedIdentity = "J".equals(f[2]);
            if (!"J".equals(f[2]) && !"N".equals(f[2])) {
                add("protected_identity", "PROTECTED_FLAG", "must be J or N");
            }
            BenefitFamily family = FAMILIES.get(f[3]);
            Benefit benefit = BENEFITS.get(f[4]);
            if (family == null) {
                add("benefit_family", "BENEFIT_FAMILY_UNKNOWN", "unknown benefit family code");
            }
            if (benefit == null) {
                add("benefit", "BENEFIT_UNKNOWN", "unknown benefit code");
            }
            if (family != null && benefit != null && benefit.family() != family) {
                add("benefit_family", "BENEFIT_FAMILY_MISMATCH", "benefit " + benefit.code() + " belongs to family " + benefit.family().code());
            }
            if (!decisionId(f[5])) {
                add("decision_id", "DECISION_ID", "must be 1-20 of A-Z a-z 0-9 -");
            }
            LocalDate from = date(f[6], "period_from", true);
            LocalDate to = date(f[7], "period_to", false);
            if (from != null && to != null && to.isBefore(from)) {
                add("period_to", "PERIOD_ORDER", "period_to is before period_from");
            }
            BigDecimal extent = null;
            if (!f[8].isEmpty()) {
                extent = EXTENTS.get(f[8]);
                if (extent == null) {
                    add("extent", "EXTENT", "extent must be 100, 75, 50, 25, 12.5 or empty");
                }
            }
            BigDecimal amount = amount(f[9], "amount", true);
            if (amount != null && amount.signum() < 0) {
                add("amount", "AMOUNT", "amount may not be negative");
            }
            if (!AMOUNT_TYPES.contains(f[10])) {
                add("amount_type", "AMOUNT_TYPE", "amount type must be DAG, MAN, AR or ENG");
            }
            LocalDate paymentDate = date(f[11], "payment_date", false);
            BigDecimal paid = amount(f[12], "paid_amount", false);
            if (f[11].isEmpty() != f[12].isEmpty()) {
                add(f[11].isEmpty() ? "payment_date" : "paid_amount", "PAYMENT", "payment_date and paid_amount are given together or not at all");
            }
            if (!STATUSES.contains(f[13])) {
                add("status", "STATUS", "status must be GRANTED, CHANGED, ENDED or WITHDRAWN");
            }
            LocalDateTime changedAt = timestamp(f[14]);
            if (changedAt == null) {
                add("source_changed_at", "TIMESTAMP", "must be YYYY-MM-DDTHH:MM:SS");
            }
            if (!lineErrors.isEmpty()) {
                errorRows++;
                for (String[] e : lineErrors) {
                    rowError(e[0], e[1], e[2]);
                }
                return;
            }
            validRows++;
            rows.accept(new StagedRow(lineNo, pnr, protectedIdentity, header.sourceSystem(), f[3], f[4], f[5], from, to,
                    extent, amount, f[10], paymentDate, paid, f[13], changedAt));
        }

        /**
         * Why {@code Personnummer} refuses a 12-digit number ({code, message}), or null when it is
         * valid. A valid number — nearly every row — is recognised by {@link #validTwelveDigits}
         * without objects; only one it does not accept goes through {@code Personnummer.parse}, which
         * says why (and is the authority: the quick check never accepts what it refuses).
         */
        private String[] personnummerRefusal(String pnr) {
            if (validTwelveDigits(pnr, header.createdAt().toLocalDate())) {
                return null;
            }
            try {
                Personnummer.parse(pnr, header.createdAt().toLocalDate());
                return null;
            } catch (InvalidIdentityNumberException e) {
                return new String[] {"PERSONNUMMER_" + e.reason().name(), e.getMessage()};
            }
        }

        private LocalDate date(String text, String field, boolean required) {
            if (text.isEmpty()) {
                if (required) {
                    add(field, "DATE", "is required (YYYY-MM-DD)");
                }
                return null;
            }
            LocalDate date = isoDate(text, 0, text.length());
            if (date == null) {
                add(field, "DATE", "must be a real date YYYY-MM-DD");
            }
            return date;
        }

        private BigDecimal amount(String text, String field, boolean required) {
            if (text.isEmpty()) {
                if (required) {
                    add(field, "AMOUNT", "is required");
                }
                return null;
            }
            BigDecimal amount = kronor(text);
            if (amount == null) {
                add(field, "AMOUNT", "must be kronor with two decimals (öre), e.g. 1234.50");
            }
            return amount;
        }

        private void add(String field, String code, String message) {
            lineErrors.add(new String[] {field, code, message});
        }

        private void rowError(String field, String code, String message) {
            errors.error(lineNo, field, code, message);
        }

        private void fileFailure(String field, String code, String message) {
            if (fileError == null) {
                fileError = code + ": " + message;
            }
            errors.error(lineNo, field, code, message);
        }
    }

    /**
     * Splits {@code text} at {@code ;} into {@code into} when it has exactly {@code into.length}
     * fields (no quoting, as {@code String.split(";", -1)} would); returns the number of fields.
     */
    /**
     * True when twelve ASCII digits {@code YYYYMMDDNNNC} are a personnummer (or samordningsnummer: day
     * + 60) that {@code Personnummer.parse} accepts on {@code referenceDate}: a Luhn check digit over
     * the last ten, a real date of birth, not after the reference date. False means "ask
     * {@code Personnummer}" — it may still be valid in a way this check does not know.
     */
    static boolean validTwelveDigits(String pnr, LocalDate referenceDate) {
        int sum = 0;
        for (int i = 2; i < 12; i++) {
            int digit = pnr.charAt(i) - '0';
            if (i % 2 == 0) { // the 1st, 3rd, … of the ten digits count double
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        if (sum % 10 != 0) {
            return false;
        }
        int year = (pnr.charAt(0) - '0') * 1000 + (pnr.charAt(1) - '0') * 100 + (pnr.charAt(2) - '0') * 10 + (pnr.charAt(3) - '0');
        int month = (pnr.charAt(4) - '0') * 10 + (pnr.charAt(5) - '0');
        int day = (pnr.charAt(6) - '0') * 10 + (pnr.charAt(7) - '0');
        if (day > 60) {
            day -= 60;
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        int born = year * 10_000 + month * 100 + day;
        int reference = referenceDate.getYear() * 10_000 + referenceDate.getMonthValue() * 100 + referenceDate.getDayOfMonth();
        return born <= reference;
    }

    static int split(String text, String[] into) {
        int count = 1;
        for (int i = text.indexOf(';'); i >= 0; i = text.indexOf(';', i + 1)) {
            count++;
        }
        if (count == into.length) {
            int start = 0;
            for (int k = 0; k < count - 1; k++) {
                int end = text.indexOf(';', start);
                into[k] = text.substring(start, end);
                start = end + 1;
            }
            into[count - 1] = text.substring(start);
        }
        return count;
    }

    /** True when {@code text[from, to)} is all ASCII digits (and not empty). */
    static boolean digits(String text, int from, int to) {
        if (to > text.length() || from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (text.charAt(i) - '0');
        }
        return n;
    }

    /** 1-20 of A-Z a-z 0-9 -. */
    static boolean decisionId(String text) {
        if (text.isEmpty() || text.length() > 20) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code YYYY-MM-DD} at {@code text[from, to)} as a real date, or null. */
    static LocalDate isoDate(String text, int from, int to) {
        if (to - from != 10 || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-'
                || !digits(text, from, from + 4) || !digits(text, from + 5, from + 7) || !digits(text, from + 8, from + 10)) {
            return null;
        }
        try {
            return LocalDate.of(number(text, from, from + 4), number(text, from + 5, from + 7),
                    number(text, from + 8, from + 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code YYYY-MM-DDTHH:MM:SS} as a real date and time, or null. */
    static LocalDateTime timestamp(String text) {
        if (text.length() != 19 || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || !digits(text, 11, 13) || !digits(text, 14, 16) || !digits(text, 17, 19)) {
            return null;
        }
        LocalDate date = isoDate(text, 0, 10);
        if (date == null) {
            return null;
        }
        try {
            return date.atTime(number(text, 11, 13), number(text, 14, 16), number(text, 17, 19));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code -?[0-9]{1,10}.[0-9]{2}} as kronor with scale 2 (öre), or null. */
    static BigDecimal kronor(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int point = text.length() - 3;
        if (point - start < 1 || point - start > 10 || text.charAt(point) != '.'
                || !digits(text, start, point) || !digits(text, point + 1, text.length())) {
            return null;
        }
        long ore = (long) number(text, point + 1, text.length());
        long kronor = 0;
        for (int i = start; i < point; i++) {
            kronor = kronor * 10 + (text.charAt(i) - '0');
        }
        long unscaled = kronor * 100 + ore;
        return BigDecimal.valueOf(start == 1 ? -unscaled : unscaled, 2);
    }
}
