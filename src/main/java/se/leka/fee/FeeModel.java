package se.leka.fee;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import se.leka.agreement.DeliveryFrequency;
import se.leka.agreement.PartyType;

/**
 * One fee model (avgiftsmodell), in force from {@code validFrom} until the next model's validFrom.
 * Amounts are SEK; unit prices may have up to four decimals, amounts are rounded to öre per ledger
 * line (see {@link FeeCalculator}).
 *
 * @param version           stable name, written on every ledger row priced by this model
 * @param period            how long a fee period is: MONTH or QUARTER
 * @param fixedFee          fixed fee per agreement and full period, by the agreement's delivery frequency
 * @param recordFee         per delivered person-record, with a lower price above a threshold
 * @param questionFee       per person-record answered in a query answer (SVAR)
 * @param exemptPartyTypes  party types that pay nothing (their volumes are still ledgered, at price 0)
 */
public record FeeModel(String version, LocalDate validFrom, FeePeriod.Kind period, Map<DeliveryFrequency, BigDecimal> fixedFee,
                       RecordFee recordFee, BigDecimal questionFee, Set<PartyType> exemptPartyTypes) {

    /**
     * Per-record price: records 1 … {@code threshold} of a period cost {@code unitPrice} each, every
     * record above it {@code priceAbove}. No threshold: every record costs {@code unitPrice}.
     */
    public record RecordFee(BigDecimal unitPrice, Long threshold, BigDecimal priceAbove) {

        public RecordFee {
            Objects.requireNonNull(unitPrice, "recordFee.unitPrice");
            if (threshold != null && (threshold < 0 || priceAbove == null)) {
                throw new IllegalArgumentException("recordFee.threshold needs a priceAbove and must not be negative");
            }
        }
    }

    public FeeModel {
        if (version == null || version.isBlank() || version.length() > 40) {
            throw new IllegalArgumentException("a fee model needs a version of 1-40 characters");
        }
        Objects.requireNonNull(validFrom, "validFrom of fee model " + version);
        Objects.requireNonNull(period, "period of fee model " + version);
        Objects.requireNonNull(recordFee, "recordFee of fee model " + version);
        Objects.requireNonNull(questionFee, "questionFee of fee model " + version);
        if (fixedFee == null || !fixedFee.keySet().containsAll(Set.of(DeliveryFrequency.values()))) {
            throw new IllegalArgumentException("fee model " + version + " needs a fixedFee for every delivery frequency "
                    + Set.of(DeliveryFrequency.values()));
        }
        fixedFee = Map.copyOf(fixedFee);
        exemptPartyTypes = exemptPartyTypes == null ? Set.of() : Set.copyOf(exemptPartyTypes);
    }

    public boolean exempts(PartyType type) {
        return exemptPartyTypes.contains(type);
    }
}
