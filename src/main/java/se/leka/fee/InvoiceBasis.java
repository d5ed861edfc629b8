package se.leka.fee;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The invoice basis (fakturaunderlag) for finance: a CSV file per fee run with one line per ledger
 * row the run wrote (agreement × component × model, ORIGINAL or ADJUSTMENT) and a TOTAL line equal
 * to the sum of those rows' amounts in the ledger. UTF-8, {@code ;}-separated, decimal point,
 * written under a temporary name and moved into place.
 */
final class InvoiceBasis {

    static final String HEADER = "period;period_start;period_end;agreement_id;org_number;party_name;component;kind;"
            + "model_version;quantity;unit_price;days_active;days_in_period;amount_sek;ledger_id;note";

    private InvoiceBasis() {
    }

    static String fileName(FeePeriod period, LocalDate runDate) {
        return "fakturaunderlag_" + period.label() + "_" + runDate + ".csv";
    }

    static Path write(Path dir, FeePeriod period, LocalDate runDate, List<LedgerEntry> rows, Map<String, String> partyNames) {
        Path target = dir.resolve(fileName(period, runDate));
        Path part = dir.resolve(target.getFileName() + ".part");
        try {
            Files.createDirectories(dir);
            try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                out.write(HEADER + "\n");
                for (LedgerEntry e : rows) {
                    out.write(String.join(";", period.label(), e.periodStart().toString(), e.periodEnd().toString(),
                            e.agreementId(), e.party(), csv(partyNames.getOrDefault(e.party(), "")), e.component().name(),
                            e.kind(), e.modelVersion(), Long.toString(e.quantity()), e.unitPrice().setScale(4).toPlainString(),
                            e.daysActive() == null ? "" : e.daysActive().toString(),
                            e.daysInPeriod() == null ? "" : e.daysInPeriod().toString(), e.amount().toPlainString(),
                            Long.toString(e.ledgerId()), csv(e.note() == null ? "" : e.note())) + "\n");
                }
                BigDecimal total = FeeLedger.total(rows);
                out.write("TOTAL;" + period.start() + ";" + period.end() + ";;;;;;;;;;;" + total.toPlainString() + ";;"
                        + rows.size() + " rows\n");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the invoice basis " + target, e);
        }
    }

    private static String csv(String value) {
        return value.replace(';', ',').replace('\n', ' ');
    }
}
