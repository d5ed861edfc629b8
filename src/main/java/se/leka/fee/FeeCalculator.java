package se.leka.fee;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Computes an agreement's fee for a period from the fee models and the day-by-day volumes. Pure:
 * no database, so every rule is unit-tested.
 *
 * <p>Rules (also in the job card):
 * <ul>
 * <li>The period is split where a new model comes into force; each part is priced by its own model.</li>
 * <li>Fixed fee: the model's fee for the agreement's delivery frequency × days active in the part ÷
 *     days of the model's period — so an agreement that starts or ends inside a period pays for
 *     the days it was active (proration).</li>
 * <li>Records: up to the threshold at {@code unitPrice}, above it at {@code priceAbove}; the
 *     threshold counts the whole period's records in date order, across model changes.</li>
 * <li>Questions: every person-record answered in a query answer (SVAR) at {@code questionFee}.</li>
 * <li>Party types the model exempts pay 0.00 for every component; the quantities are still ledgered.</li>
 * <li>Rounding: each line's amount is rounded once, to öre, HALF_UP; totals are sums of rounded lines.</li>
 * </ul>
 */
final class FeeCalculator {

    /** Delivered (LEVE) and answered (SVAR) person-records on one day. */
    record DayVolume(long delivered, long answered) {
    }

    private FeeCalculator() {
    }

    static List<FeeLine> compute(AgreementTerms terms, FeePeriod period, FeeModels models,
                                 SortedMap<LocalDate, DayVolume> volumes) {
        List<FeeLine> lines = new ArrayList<>();
        long recordsSoFar = 0;
        LocalDate partStart = period.start();
        while (!partStart.isAfter(period.end())) {
            LocalDate from = partStart;
            FeeModel model = models.inForceOn(from).orElseThrow(
                    () -> new IllegalStateException("no fee model is in force on " + from));
            LocalDate partEnd = models.all().stream().map(FeeModel::validFrom)
                    .filter(d -> d.isAfter(from) && !d.isAfter(period.end())).findFirst()
                    .map(d -> d.minusDays(1)).orElse(period.end());
            boolean exempt = model.exempts(terms.partyType());
            String note = exempt ? "exempt: " + terms.partyType() : null;

            int days = terms.activeDays(from, partEnd);
            if (days > 0) {
                int periodDays = model.period().containing(from).days();
                BigDecimal fee = exempt ? BigDecimal.ZERO : model.fixedFee().get(terms.frequency());
                BigDecimal amount = fee.multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(periodDays), 2, RoundingMode.HALF_UP);
                lines.add(new FeeLine(FeeComponent.FIXED, model.version(), 1, fee, days, periodDays, amount, note));
            }

            long delivered = 0;
            long answered = 0;
            for (Map.Entry<LocalDate, DayVolume> day : volumes.subMap(from, partEnd.plusDays(1)).entrySet()) {
                delivered += day.getValue().delivered();
                answered += day.getValue().answered();
            }
            FeeModel.RecordFee recordFee = model.recordFee();
            long lower = delivered;
            if (recordFee.threshold() != null) {
                long threshold = recordFee.threshold();
                lower = Math.max(0, Math.min(recordsSoFar + delivered, threshold) - Math.min(recordsSoFar, threshold));
            }
            long upper = delivered - lower;
            recordsSoFar += delivered;
            if (lower > 0) {
                lines.add(volumeLine(FeeComponent.RECORDS, model, lower, exempt ? BigDecimal.ZERO : recordFee.unitPrice(), note));
            }
            if (upper > 0) {
                lines.add(volumeLine(FeeComponent.RECORDS_ABOVE, model, upper, exempt ? BigDecimal.ZERO : recordFee.priceAbove(), note));
            }
            if (answered > 0) {
                lines.add(volumeLine(FeeComponent.QUESTIONS, model, answered, exempt ? BigDecimal.ZERO : model.questionFee(), note));
            }
            partStart = partEnd.plusDays(1);
        }
        return lines;
    }

    private static FeeLine volumeLine(FeeComponent component, FeeModel model, long quantity, BigDecimal unitPrice, String note) {
        BigDecimal amount = unitPrice.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
        return new FeeLine(component, model.version(), quantity, unitPrice, null, null, amount, note);
    }
}
