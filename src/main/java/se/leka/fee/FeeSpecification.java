package se.leka.fee;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import se.leka.format.EndRecord;
import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;

/**
 * The fee specification (avgiftsspecifikation, file type {@code AVGI}, format version 01) of one
 * agreement for one fee run: the common envelope, a record {@code 50} (agreement and period), a
 * record {@code 51} per ledger row the run wrote, and a record {@code 59} with the run's sum and the
 * period's total after it. Every record is 120 characters; layout in {@code jobs/fee-calculation/README.md}.
 */
final class FeeSpecification {

    static final int FORMAT_VERSION = 1;
    static final int RECORD_LENGTH = 120;

    private FeeSpecification() {
    }

    static List<String> records(String agreementId, String party, LocalDate periodStart, LocalDate periodEnd, LocalDate runDate,
                                List<LedgerEntry> written, BigDecimal periodTotal) {
        List<String> records = new ArrayList<>();
        records.add(pad("50" + left(agreementId, 20) + left(party, 10) + periodStart + periodEnd + runDate));
        for (LedgerEntry e : written) {
            records.add(pad("51" + left(e.component().name(), 14) + left(e.kind(), 10) + left(e.modelVersion(), 20)
                    + signed(e.quantity(), 11) + price(e.unitPrice())
                    + (e.daysActive() == null ? "    " : signed(e.daysActive(), 3))
                    + (e.daysInPeriod() == null ? "   " : String.format("%03d", e.daysInPeriod()))
                    + amount(e.amount()) + left(e.note() == null ? "" : e.note(), 31)));
        }
        records.add(pad("59" + amount(FeeLedger.total(written)) + amount(periodTotal)));
        return records;
    }

    static void write(OrgNumber sender, String agreementId, LocalDate runDate, FileName name, List<String> records,
                      OutputStream out) throws IOException {
        StartRecord start = new StartRecord(FileType.AVGI, FORMAT_VERSION, sender, null, agreementId, name.sequenceNumber(),
                runDate.atStartOfDay());
        StringBuilder text = new StringBuilder(start.format()).append('\n');
        records.forEach(r -> text.append(r).append('\n'));
        text.append(new EndRecord(records.size()).format()).append('\n');
        out.write(StrictCharset.encode(text.toString(), StrictCharset.FILES));
    }

    /** Sign, eight digits, point, two decimals: {@code +00000812.50}. */
    static String amount(BigDecimal amount) {
        BigDecimal a = amount.setScale(2);
        String digits = a.abs().toPlainString();
        String[] parts = digits.split("\\.");
        if (parts[0].length() > 8) {
            throw new IllegalArgumentException("amount " + amount + " does not fit the AVGI layout");
        }
        return (a.signum() < 0 ? "-" : "+") + "0".repeat(8 - parts[0].length()) + parts[0] + "." + parts[1];
    }

    /** Seven digits, point, four decimals: {@code 0000000.0200}. */
    static String price(BigDecimal price) {
        String plain = price.setScale(4).toPlainString();
        String[] parts = plain.split("\\.");
        return "0".repeat(7 - parts[0].length()) + parts[0] + "." + parts[1];
    }

    private static String signed(long value, int digits) {
        return (value < 0 ? "-" : "+") + String.format("%0" + digits + "d", Math.abs(value));
    }

    private static String left(String value, int width) {
        String v = value.length() > width ? value.substring(0, width) : value;
        return v + " ".repeat(width - v.length());
    }

    private static String pad(String record) {
        if (record.length() > RECORD_LENGTH) {
            throw new IllegalStateException("AVGI record longer than " + RECORD_LENGTH + ": " + record);
        }
        return left(record, RECORD_LENGTH);
    }
}
