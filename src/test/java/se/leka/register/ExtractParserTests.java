package se.leka.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractParserTests {

    static final String START = "00;LEKAREG;1;X-1;DELTA;FKFORMAN;2026-03-03T02:00:00";
    static final String GOOD = "10;200001012384;N;SJUK;SJPN;SJ1;2026-01-05;2026-04-30;100;800.00;DAG;;;GRANTED;2026-03-01T18:00:00";

    @TempDir
    Path dir;

    final List<StagedRow> rows = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    ExtractParser.Summary parse(byte[] content) throws IOException {
        Path file = Files.write(dir.resolve("x.txt"), content);
        return ExtractParser.parse(file, rows::add, (line, field, code, message) -> errors.add(line + ";" + field + ";" + code));
    }

    ExtractParser.Summary parse(String... lines) throws IOException {
        return parse((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The parser's quick personnummer check agrees with {@code Personnummer.parse}, the authority,
     * wherever it says "valid": over Skatteverket's test numbers, their samordningsnummer, and every
     * one-digit change of them (check digits, months, days, leap days, births after the reference date).
     */
    @Test
    void the_quick_personnummer_check_accepts_only_what_personnummer_accepts() throws IOException {
        LocalDate reference = LocalDate.parse("2005-06-30");
        List<String> numbers = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/skatteverket/testpersonnummer-2000-2009.csv"))) {
            if (line.strip().matches("\\d{12}")) {
                String pnr = line.strip();
                numbers.add(pnr);
                numbers.add(pnr.substring(0, 6) + (Integer.parseInt(pnr.substring(6, 8)) + 60) + pnr.substring(8));
            }
        }
        int valid = 0;
        int agreedInvalid = 0;
        for (String base : numbers) {
            List<String> variants = new ArrayList<>(List.of(base));
            for (int position = 0; position < 12; position++) {
                char[] changed = base.toCharArray();
                changed[position] = (char) ('0' + (changed[position] - '0' + 1) % 10);
                variants.add(new String(changed));
            }
            for (String pnr : variants) {
                boolean authority;
                try {
                    se.leka.format.Personnummer.parse(pnr, reference);
                    authority = true;
                } catch (se.leka.format.InvalidIdentityNumberException e) {
                    authority = false;
                }
                boolean quick = ExtractParser.validTwelveDigits(pnr, reference);
                if (quick) {
                    assertThat(authority).as(pnr).isTrue();
                    valid++;
                } else if (!authority) {
                    agreedInvalid++;
                }
                if (pnr.equals(base) && authority) {
                    assertThat(quick).as("the quick check knows valid " + pnr).isTrue();
                }
            }
        }
        assertThat(valid).isGreaterThan(1000);
        assertThat(agreedInvalid).isGreaterThan(1000);
    }

    @Test
    void a_valid_detail_record_becomes_a_staged_row_with_its_fact_key() throws IOException {
        var summary = parse(START, GOOD,
                "10;200001012384;J;SJUK;SJPN;SJ1;2025-11-01;2025-11-30;12.5;800.00;DAG;2026-03-02;-150.25;CHANGED;2026-03-02T10:00:00",
                "99;X-1;2");
        assertThat(summary.fileError()).isNull();
        assertThat(summary.header().kind()).isEqualTo(ExtractHeader.Kind.DELTA);
        assertThat(errors).isEmpty();
        assertThat(rows).hasSize(2);
        StagedRow decision = rows.get(0);
        assertThat(decision.factKey()).isEqualTo("FKFORMAN|200001012384|SJPN|SJ1|");
        assertThat(decision.lineNo()).isEqualTo(2);
        assertThat(decision.periodTo()).isEqualTo(LocalDate.parse("2026-04-30"));
        StagedRow payment = rows.get(1);
        assertThat(payment.factKey()).isEqualTo("FKFORMAN|200001012384|SJPN|SJ1|2026-03-02");
        assertThat(payment.protectedIdentity()).isTrue();
        assertThat(payment.extent()).isEqualByComparingTo("12.5");
        assertThat(payment.paidAmount()).isEqualTo(new BigDecimal("-150.25"));
    }

    @Test
    void every_invalid_field_of_a_row_is_reported_with_line_field_and_code() throws IOException {
        var summary = parse(START,
                "10;200001012385;X;SJUK;FORP;SJ 1;2026-02-30;2026-01-01;60;8.5;VEC;2026-03-02;;PAID;2026-03-01 18:00",
                GOOD.replace("2026-01-05;2026-04-30", "2026-04-30;2026-01-05"),
                "10;too;few",
                "99;X-1;3");
        assertThat(summary.fileError()).isNull();
        assertThat(summary.errorRows()).isEqualTo(3);
        assertThat(rows).isEmpty();
        assertThat(errors).containsExactly(
                "2;personnummer;PERSONNUMMER_CHECK_DIGIT", "2;protected_identity;PROTECTED_FLAG",
                "2;benefit_family;BENEFIT_FAMILY_MISMATCH", "2;decision_id;DECISION_ID", "2;period_from;DATE",
                "2;extent;EXTENT", "2;amount;AMOUNT", "2;amount_type;AMOUNT_TYPE", "2;paid_amount;PAYMENT",
                "2;status;STATUS", "2;source_changed_at;TIMESTAMP",
                "3;period_to;PERIOD_ORDER",
                "4;-;FIELD_COUNT");
    }

    @Test
    void bytes_that_are_not_utf8_are_an_error_of_their_line_not_replaced() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((START + "\n" + GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        out.write(GOOD.replace("SJ1", "SJ\u00e52").getBytes(StandardCharsets.ISO_8859_1));
        out.write(("\n99;X-1;2\n").getBytes(StandardCharsets.UTF_8));
        var summary = parse(out.toByteArray());
        assertThat(errors).containsExactly("3;-;ENCODING");
        assertThat(summary.validRows()).isEqualTo(1);
        assertThat(summary.errorRows()).isEqualTo(1);
    }

    @Test
    void a_file_without_end_record_or_with_a_wrong_count_is_refused_as_a_whole() throws IOException {
        assertThat(parse(START, GOOD).fileError()).startsWith("END_RECORD");
        errors.clear();
        assertThat(parse(START, GOOD, "99;X-1;5").fileError())
                .isEqualTo("ROW_COUNT: the end record declares 5 detail records, the file has 1");
        assertThat(parse(START, GOOD, "99;OTHER;1").fileError()).startsWith("END_RECORD");
        assertThat(parse(START, GOOD, "99;X-1;1", GOOD).fileError()).startsWith("AFTER_END_RECORD");
    }

    @Test
    void a_bad_start_record_stops_reading() throws IOException {
        assertThat(parse("00;LEKAREG;2;X-1;DELTA;FKFORMAN;2026-03-03T02:00:00", GOOD, "99;X-1;1").fileError())
                .startsWith("FORMAT_VERSION");
        assertThat(parse("00;LEKAREG;1;X-1;FULL;FKFORMAN;2026-03-03T02:00:00", GOOD, "99;X-1;1").fileError())
                .startsWith("START_RECORD");
        assertThat(rows).isEmpty();
        assertThat(parse(new byte[0]).fileError()).isEqualTo("START_RECORD: the file is empty");
    }

    @Test
    void windows_line_ends_are_accepted() throws IOException {
        var summary = parse((START + "\r\n" + GOOD + "\r\n99;X-1;1\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(summary.fileError()).isNull();
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.sourceChangedAt()).hasToString("2026-03-01T18:00"));
    }

    /**
     * The hand-written field checks accept exactly what the documented formats accept (the layout's
     * patterns, and dates and times that java.time's strict parsing calls real), and give the same
     * values: checked on many near-valid strings made by mutating valid ones. (java.time alone would
     * also take a signed year such as {@code -2026-03-01T00:00:00}, which the layout does not allow.)
     */
    @Test
    void hand_written_field_checks_agree_with_the_documented_formats() {
        var timestampFormat = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
                .withResolverStyle(java.time.format.ResolverStyle.STRICT);
        var amountPattern = java.util.regex.Pattern.compile("-?[0-9]{1,10}\\.[0-9]{2}");
        var decisionPattern = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,20}");
        var datePattern = java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
        var timestampPattern = java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}");
        var random = new java.util.SplittableRandom(4);
        String alphabet = "0123456789-.:T;aZ+ 9";
        List<String> seeds = List.of("2026-02-28", "2024-02-29", "2026-12-31T23:59:59", "2026-03-01T00:00:00",
                "1234.50", "-0.05", "9999999999.99", "SJ00004", "A-b-9", "12345678901234567890");
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int m = random.nextInt(3); m >= 0; m--) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> { if (at < text.length()) { text.deleteCharAt(at); } }
                    default -> { if (at < text.length()) { text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); } }
                }
            }
            String t = text.toString();
            LocalDate date;
            try {
                date = datePattern.matcher(t).matches() ? LocalDate.parse(t) : null;
            } catch (java.time.format.DateTimeParseException e) {
                date = null;
            }
            assertThat(ExtractParser.isoDate(t, 0, t.length())).as(t).isEqualTo(date);
            java.time.LocalDateTime timestamp;
            try {
                timestamp = timestampPattern.matcher(t).matches() ? java.time.LocalDateTime.parse(t, timestampFormat) : null;
            } catch (java.time.format.DateTimeParseException e) {
                timestamp = null;
            }
            assertThat(ExtractParser.timestamp(t)).as(t).isEqualTo(timestamp);
            assertThat(ExtractParser.kronor(t)).as(t).isEqualTo(amountPattern.matcher(t).matches() ? new BigDecimal(t) : null);
            assertThat(ExtractParser.decisionId(t)).as(t).isEqualTo(decisionPattern.matcher(t).matches());
            String[] fields = new String[15];
            int count = ExtractParser.split(t, fields);
            assertThat(count).as(t).isEqualTo(t.split(";", -1).length);
        }
    }
}
