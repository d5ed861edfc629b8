package se.leka.fee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import se.leka.agreement.DeliveryFrequency;
import se.leka.agreement.PartyType;
import se.leka.format.OrgNumber;

/** Every fee rule of {@link FeeCalculator} on fixed dates: components, tiers, exemption, proration, model change. */
class FeeCalculatorTests {

    static final OrgNumber INSURER = OrgNumber.parse("5566778899");
    static final FeePeriod Q4 = FeePeriod.Kind.QUARTER.containing(LocalDate.of(2026, 11, 15)); // 92 days
    static final FeePeriod NOVEMBER = FeePeriod.Kind.MONTH.containing(LocalDate.of(2026, 11, 15)); // 30 days

    static FeeModel model(String version, LocalDate from, FeePeriod.Kind period, String daily, String weekly, String unit,
                          Long threshold, String above, String question) {
        return new FeeModel(version, from, period,
                Map.of(DeliveryFrequency.DAILY, new BigDecimal(daily), DeliveryFrequency.WEEKLY, new BigDecimal(weekly)),
                new FeeModel.RecordFee(new BigDecimal(unit), threshold, above == null ? null : new BigDecimal(above)),
                new BigDecimal(question), Set.of(PartyType.STATE_AGENCY));
    }

    static final FeeModel QUARTERLY = model("Q-2025", LocalDate.of(2025, 4, 1), FeePeriod.Kind.QUARTER, "400.00", "200.00",
            "0.02", 100L, "0.01", "0.50");

    static AgreementTerms terms(PartyType type, DeliveryFrequency frequency, LocalDate from, LocalDate until) {
        return new AgreementTerms("AVT-1", INSURER, type, frequency, from, until);
    }

    static AgreementTerms insurer() {
        return terms(PartyType.INSURANCE_COMPANY, DeliveryFrequency.DAILY, LocalDate.of(2025, 1, 1), null);
    }

    static SortedMap<LocalDate, FeeCalculator.DayVolume> volumes(Object... dayDeliveredAnswered) {
        SortedMap<LocalDate, FeeCalculator.DayVolume> map = new TreeMap<>();
        for (int i = 0; i < dayDeliveredAnswered.length; i += 3) {
            map.put(LocalDate.parse((String) dayDeliveredAnswered[i]),
                    new FeeCalculator.DayVolume(((Number) dayDeliveredAnswered[i + 1]).longValue(),
                            ((Number) dayDeliveredAnswered[i + 2]).longValue()));
        }
        return map;
    }

    static List<FeeLine> compute(AgreementTerms terms, FeePeriod period, SortedMap<LocalDate, FeeCalculator.DayVolume> volumes,
                                 FeeModel... models) {
        return FeeCalculator.compute(terms, period, new FeeModels(List.of(models)), volumes);
    }

    @Test
    void every_component_of_a_full_quarter() {
        List<FeeLine> lines = compute(insurer(), Q4, volumes("2026-10-05", 40, 3, "2026-12-31", 20, 1), QUARTERLY);
        assertThat(lines).extracting(FeeLine::component, FeeLine::quantity, FeeLine::unitPrice, FeeLine::amount)
                .containsExactly(
                        tuple(FeeComponent.FIXED, 1L, new BigDecimal("400.00"), new BigDecimal("400.00")),
                        tuple(FeeComponent.RECORDS, 60L, new BigDecimal("0.02"), new BigDecimal("1.20")),
                        tuple(FeeComponent.QUESTIONS, 4L, new BigDecimal("0.50"), new BigDecimal("2.00")));
        assertThat(lines.get(0).daysActive()).isEqualTo(92);
        assertThat(lines.get(0).daysInPeriod()).isEqualTo(92);
        assertThat(lines).extracting(FeeLine::modelVersion).containsOnly("Q-2025");
    }

    @Test
    void weekly_delivery_has_its_own_fixed_fee() {
        List<FeeLine> lines = compute(terms(PartyType.INSURANCE_BROKER, DeliveryFrequency.WEEKLY, LocalDate.of(2025, 1, 1), null),
                Q4, volumes(), QUARTERLY);
        assertThat(lines).extracting(FeeLine::component, FeeLine::amount)
                .containsExactly(tuple(FeeComponent.FIXED, new BigDecimal("200.00")));
    }

    @Test
    void volumes_outside_the_period_are_not_counted() {
        List<FeeLine> lines = compute(insurer(), NOVEMBER, volumes("2026-10-31", 5, 5, "2026-11-01", 7, 0, "2026-12-01", 9, 9),
                model("M", LocalDate.of(2025, 1, 1), FeePeriod.Kind.MONTH, "100", "50", "1.00", null, null, "2.00"));
        assertThat(lines).extracting(FeeLine::component, FeeLine::quantity)
                .containsExactly(tuple(FeeComponent.FIXED, 1L), tuple(FeeComponent.RECORDS, 7L));
    }

    @Nested
    class TierBoundaries {

        @ParameterizedTest(name = "{0} records: {1} at 0.02 + {2} at 0.01 = {3}")
        @CsvSource({
                "99, 99, 0, 1.98",   // one below the threshold
                "100, 100, 0, 2.00", // exactly at it: all at the first price
                "101, 100, 1, 2.01"  // one above: only that one at the lower price
        })
        void around_the_threshold(long records, long lower, long upper, String amount) {
            List<FeeLine> lines = compute(insurer(), Q4, volumes("2026-11-02", records, 0), QUARTERLY);
            assertThat(lines).filteredOn(l -> l.component() == FeeComponent.RECORDS).singleElement()
                    .satisfies(l -> assertThat(l.quantity()).isEqualTo(lower));
            if (upper == 0) {
                assertThat(lines).noneMatch(l -> l.component() == FeeComponent.RECORDS_ABOVE);
            } else {
                assertThat(lines).filteredOn(l -> l.component() == FeeComponent.RECORDS_ABOVE).singleElement()
                        .satisfies(l -> {
                            assertThat(l.quantity()).isEqualTo(upper);
                            assertThat(l.unitPrice()).isEqualByComparingTo("0.01");
                        });
            }
            assertThat(lines.stream().filter(l -> l.component() != FeeComponent.FIXED).map(FeeLine::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(amount);
        }

        @Test
        void the_threshold_counts_the_whole_period_in_date_order() {
            List<FeeLine> lines = compute(insurer(), Q4, volumes("2026-10-01", 60, 0, "2026-12-01", 60, 0), QUARTERLY);
            assertThat(lines).extracting(FeeLine::component, FeeLine::quantity)
                    .containsExactly(tuple(FeeComponent.FIXED, 1L), tuple(FeeComponent.RECORDS, 100L),
                            tuple(FeeComponent.RECORDS_ABOVE, 20L));
        }
    }

    @Test
    void an_exempt_party_type_pays_nothing_but_its_volumes_are_kept() {
        List<FeeLine> lines = compute(terms(PartyType.STATE_AGENCY, DeliveryFrequency.DAILY, LocalDate.of(2025, 1, 1), null),
                Q4, volumes("2026-11-02", 150, 4), QUARTERLY);
        assertThat(lines).extracting(FeeLine::component, FeeLine::quantity, FeeLine::amount)
                .containsExactly(tuple(FeeComponent.FIXED, 1L, new BigDecimal("0.00")),
                        tuple(FeeComponent.RECORDS, 100L, new BigDecimal("0.00")),
                        tuple(FeeComponent.RECORDS_ABOVE, 50L, new BigDecimal("0.00")),
                        tuple(FeeComponent.QUESTIONS, 4L, new BigDecimal("0.00")));
        assertThat(lines).extracting(FeeLine::note).containsOnly("exempt: STATE_AGENCY");
        assertThat(lines).allSatisfy(l -> assertThat(l.unitPrice()).isZero());
    }

    @Test
    void an_insurer_is_not_exempt() {
        assertThat(QUARTERLY.exempts(PartyType.INSURANCE_COMPANY)).isFalse();
        assertThat(QUARTERLY.exempts(PartyType.STATE_AGENCY)).isTrue();
    }

    @Nested
    class Proration {

        @Test
        void an_agreement_that_starts_inside_the_period_pays_from_its_first_active_day() {
            // Active from 2026-11-16: 16 Nov – 31 Dec = 15 + 31 = 46 of 92 days.
            List<FeeLine> lines = compute(terms(PartyType.INSURANCE_COMPANY, DeliveryFrequency.DAILY, LocalDate.of(2026, 11, 16), null),
                    Q4, volumes(), QUARTERLY);
            assertThat(lines).singleElement().satisfies(l -> {
                assertThat(l.daysActive()).isEqualTo(46);
                assertThat(l.daysInPeriod()).isEqualTo(92);
                assertThat(l.amount()).isEqualByComparingTo("200.00");
            });
        }

        @Test
        void an_agreement_that_ends_inside_the_period_pays_until_the_day_before_its_termination_is_effective() {
            // Terminated from 2026-10-11: 1–10 Oct = 10 of 92 days; 400 × 10 / 92 = 43.478… → 43.48 (HALF_UP).
            List<FeeLine> lines = compute(terms(PartyType.INSURANCE_COMPANY, DeliveryFrequency.DAILY, LocalDate.of(2025, 1, 1),
                    LocalDate.of(2026, 10, 11)), Q4, volumes(), QUARTERLY);
            assertThat(lines).singleElement().satisfies(l -> {
                assertThat(l.daysActive()).isEqualTo(10);
                assertThat(l.amount()).isEqualByComparingTo("43.48");
            });
        }

        @Test
        void rounding_is_half_up_to_ore_on_each_line() {
            // 200 × 1 / 92 = 2.1739… → 2.17; 400 × 23 / 92 = 100.00 exactly; 0.005 → 0.01 (half up).
            assertThat(compute(terms(PartyType.INSURANCE_BROKER, DeliveryFrequency.WEEKLY, LocalDate.of(2026, 12, 31), null),
                    Q4, volumes(), QUARTERLY)).singleElement().extracting(FeeLine::amount).isEqualTo(new BigDecimal("2.17"));
            FeeModel halfOre = model("H", LocalDate.of(2025, 1, 1), FeePeriod.Kind.QUARTER, "0", "0", "0.0050", null, null, "0");
            assertThat(compute(insurer(), Q4, volumes("2026-10-01", 1, 0), halfOre))
                    .filteredOn(l -> l.component() == FeeComponent.RECORDS).singleElement()
                    .extracting(FeeLine::amount).isEqualTo(new BigDecimal("0.01"));
        }

        @Test
        void an_agreement_not_active_in_the_period_has_no_fixed_fee() {
            assertThat(compute(terms(PartyType.INSURANCE_COMPANY, DeliveryFrequency.DAILY, LocalDate.of(2027, 1, 1), null),
                    Q4, volumes(), QUARTERLY)).isEmpty();
            assertThat(compute(terms(PartyType.INSURANCE_COMPANY, DeliveryFrequency.DAILY, LocalDate.of(2025, 1, 1),
                    LocalDate.of(2026, 10, 1)), Q4, volumes(), QUARTERLY)).isEmpty();
        }
    }

    @Test
    void a_model_change_in_the_middle_of_a_period_prices_each_part_by_its_own_model() {
        FeeModel next = model("Q-2026-12", LocalDate.of(2026, 12, 1), FeePeriod.Kind.QUARTER, "920.00", "460.00",
                "0.03", 50L, "0.02", "1.00");
        List<FeeLine> lines = compute(insurer(), Q4, volumes("2026-11-30", 80, 1, "2026-12-01", 40, 2), QUARTERLY, next);
        assertThat(lines).extracting(FeeLine::modelVersion, FeeLine::component, FeeLine::quantity, FeeLine::daysActive,
                        FeeLine::amount)
                .containsExactly(
                        // 1 Oct – 30 Nov: 61 of 92 days of 400 = 265.217… → 265.22
                        tuple("Q-2025", FeeComponent.FIXED, 1L, 61, new BigDecimal("265.22")),
                        tuple("Q-2025", FeeComponent.RECORDS, 80L, null, new BigDecimal("1.60")),
                        tuple("Q-2025", FeeComponent.QUESTIONS, 1L, null, new BigDecimal("0.50")),
                        // 1 – 31 Dec: 31 of 92 days of 920 = 310.00; 80 records already counted, so all 40 above 50
                        tuple("Q-2026-12", FeeComponent.FIXED, 1L, 31, new BigDecimal("310.00")),
                        tuple("Q-2026-12", FeeComponent.RECORDS_ABOVE, 40L, null, new BigDecimal("0.80")),
                        tuple("Q-2026-12", FeeComponent.QUESTIONS, 2L, null, new BigDecimal("2.00")));
    }

    @Test
    void no_model_in_force_is_an_error() {
        assertThatThrownBy(() -> compute(insurer(), FeePeriod.Kind.QUARTER.containing(LocalDate.of(2024, 11, 1)), volumes(),
                QUARTERLY)).hasMessageContaining("no fee model is in force on 2024-10-01");
    }

    @Nested
    class Models {

        @Test
        void the_released_file_is_valid_and_quarterly() {
            FeeModels models = new FeeModels(new FeeProperties(null, null));
            assertThat(models.all()).extracting(FeeModel::version).contains("LEKA-2025-04");
            FeeModel released = models.inForceOn(LocalDate.of(2026, 11, 30)).orElseThrow();
            assertThat(released.period()).isEqualTo(FeePeriod.Kind.QUARTER);
            assertThat(released.fixedFee()).containsEntry(DeliveryFrequency.DAILY, new BigDecimal("400.00"));
            assertThat(released.exemptPartyTypes()).containsExactly(PartyType.STATE_AGENCY);
        }

        @Test
        void the_period_of_a_run_is_the_last_complete_one_before_it() {
            FeeModels models = new FeeModels(List.of(QUARTERLY,
                    model("M-2027", LocalDate.of(2027, 4, 1), FeePeriod.Kind.MONTH, "1", "1", "0", null, null, "0")));
            assertThat(models.periodBefore(LocalDate.of(2027, 1, 1)).label()).isEqualTo("2026-Q4");
            assertThat(models.periodBefore(LocalDate.of(2026, 12, 15)).label()).isEqualTo("2026-Q3");
            assertThat(models.periodBefore(LocalDate.of(2027, 5, 1)).label()).isEqualTo("2027-04");
            assertThat(models.periodBefore(LocalDate.of(2027, 5, 1)).days()).isEqualTo(30);
        }

        @Test
        void a_model_file_is_read_with_every_field_and_bad_ones_are_refused() {
            String yaml = """
                    models:
                      - version: EXTRA-2027
                        validFrom: 2027-01-01
                        period: MONTH
                        fixedFee: {DAILY: "150.00", WEEKLY: 75}
                        recordFee: {unitPrice: 0.015, threshold: 10, priceAbove: 0.0100}
                        questionFee: 1.25
                        exemptPartyTypes: [STATE_AGENCY, MUNICIPALITY]
                    """;
            FeeModel m = FeeModels.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test").get(0);
            assertThat(m.validFrom()).isEqualTo(LocalDate.of(2027, 1, 1));
            assertThat(m.fixedFee()).containsEntry(DeliveryFrequency.WEEKLY, new BigDecimal("75"));
            assertThat(m.recordFee().threshold()).isEqualTo(10L);
            assertThat(m.exempts(PartyType.MUNICIPALITY)).isTrue();
            assertThatThrownBy(() -> FeeModels.parse(new ByteArrayInputStream(yaml.replace("1.25", "-1").getBytes(StandardCharsets.UTF_8)),
                    "test")).hasMessageContaining("EXTRA-2027");
            assertThatThrownBy(() -> new FeeModels(List.of(QUARTERLY, QUARTERLY))).hasMessageContaining("defined twice");
        }
    }
}
