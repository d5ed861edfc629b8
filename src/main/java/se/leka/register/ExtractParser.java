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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
    private static final Pattern DECISION_ID = Pattern.compile("[A-Za-z0-9-]{1,20}");
    private static final Pattern DIGITS_12 = Pattern.compile("[0-9]{12}");
    private static final Pattern AMOUNT = Pattern.compile("-?[0-9]{1,10}\\.[0-9]{2}");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,12}");
    private static final Set<String> EXTENTS = Set.of("100", "75", "50", "25", "12.5");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

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
        try (InputStream in = Files.newInputStream(file)) {
            return new Run(rows, errors).read(in);
        }
    }

    private static final class Run {
        private final Consumer<StagedRow> rows;
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

        Run(Consumer<StagedRow> rows, ErrorSink errors) {
            this.rows = rows;
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
            LocalDateTime created;
            try {
                created = LocalDateTime.parse(f[6], TIMESTAMP);
            } catch (DateTimeParseException e) {
                fileFailure("created", "START_RECORD", "created must be YYYY-MM-DDTHH:MM:SS");
                return;
            }
            header = new ExtractHeader(f[3], kind, f[5], created);
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
            String[] f = text.split(";", -1);
            if (f.length != DETAIL_FIELDS || !"10".equals(f[0])) {
                errorRows++;
                rowError("-", f.length != DETAIL_FIELDS ? "FIELD_COUNT" : "RECORD_TYPE",
                        f.length != DETAIL_FIELDS
                                ? "a detail record has " + DETAIL_FIELDS + " fields, this line has " + f.length
                                : "record type must be 10 (detail), 99 (end) or 00 (start, first line only)");
                return;
            }
            lineErrors.clear();
            String pnr = f[1];
            if (!DIGITS_12.matcher(pnr).matches()) {
                add("personnummer", "PERSONNUMMER", "must be 12 digits YYYYMMDDNNNC");
            } else {
                try {
                    Personnummer.parse(pnr, header.createdAt().toLocalDate());
                } catch (InvalidIdentityNumberException e) {
                    add("personnummer", "PERSONNUMMER_" + e.reason().name(), e.getMessage());
                }
            }
            boolean protectedIdentity = "J".equals(f[2]);
            if (!"J".equals(f[2]) && !"N".equals(f[2])) {
                add("protected_identity", "PROTECTED_FLAG", "must be J or N");
            }
            var family = BenefitFamily.fromCode(f[3]);
            var benefit = Benefit.fromCode(f[4]);
            if (family.isEmpty()) {
                add("benefit_family", "BENEFIT_FAMILY_UNKNOWN", "unknown benefit family code");
            }
            if (benefit.isEmpty()) {
                add("benefit", "BENEFIT_UNKNOWN", "unknown benefit code");
            }
            if (family.isPresent() && benefit.isPresent() && benefit.get().family() != family.get()) {
                add("benefit_family", "BENEFIT_FAMILY_MISMATCH", "benefit " + benefit.get().code() + " belongs to family " + benefit.get().family().code());
            }
            if (!DECISION_ID.matcher(f[5]).matches()) {
                add("decision_id", "DECISION_ID", "must be 1-20 of A-Z a-z 0-9 -");
            }
            LocalDate from = date(f[6], "period_from", true);
            LocalDate to = date(f[7], "period_to", false);
            if (from != null && to != null && to.isBefore(from)) {
                add("period_to", "PERIOD_ORDER", "period_to is before period_from");
            }
            BigDecimal extent = null;
            if (!f[8].isEmpty()) {
                if (EXTENTS.contains(f[8])) {
                    extent = new BigDecimal(f[8]);
                } else {
                    add("extent", "EXTENT", "extent must be 100, 75, 50, 25, 12.5 or empty");
                }
            }
            BigDecimal amount = amount(f[9], "amount", true);
            if (amount != null && amount.signum() < 0) {
                add("amount", "AMOUNT", "amount may not be negative");
            }
            if (AmountType.fromCode(f[10]).isEmpty()) {
                add("amount_type", "AMOUNT_TYPE", "amount type must be DAG, MAN, AR or ENG");
            }
            LocalDate paymentDate = date(f[11], "payment_date", false);
            BigDecimal paid = amount(f[12], "paid_amount", false);
            if (f[11].isEmpty() != f[12].isEmpty()) {
                add(f[11].isEmpty() ? "payment_date" : "paid_amount", "PAYMENT", "payment_date and paid_amount are given together or not at all");
            }
            if (FactStatus.fromCode(f[13]).isEmpty()) {
                add("status", "STATUS", "status must be GRANTED, CHANGED, ENDED or WITHDRAWN");
            }
            LocalDateTime changedAt = null;
            try {
                changedAt = LocalDateTime.parse(f[14], TIMESTAMP);
            } catch (DateTimeParseException e) {
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
            String source = header.sourceSystem();
            rows.accept(new StagedRow(lineNo, StagedRow.factKey(source, pnr, f[4], f[5], paymentDate), pnr,
                    protectedIdentity, source, f[3], f[4], f[5], from, to, extent, amount, f[10], paymentDate, paid,
                    f[13], changedAt));
        }

        private LocalDate date(String text, String field, boolean required) {
            if (text.isEmpty()) {
                if (required) {
                    add(field, "DATE", "is required (YYYY-MM-DD)");
                }
                return null;
            }
            try {
                if (text.length() != 10) {
                    throw new DateTimeParseException("length", text, 0);
                }
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                add(field, "DATE", "must be a real date YYYY-MM-DD");
                return null;
            }
        }

        private BigDecimal amount(String text, String field, boolean required) {
            if (text.isEmpty()) {
                if (required) {
                    add(field, "AMOUNT", "is required");
                }
                return null;
            }
            if (!AMOUNT.matcher(text).matches()) {
                add(field, "AMOUNT", "must be kronor with two decimals (öre), e.g. 1234.50");
                return null;
            }
            return new BigDecimal(text);
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
}
