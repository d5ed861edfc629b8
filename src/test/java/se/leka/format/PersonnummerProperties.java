package se.leka.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.Dates;

class PersonnummerProperties {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    /** Twelve-digit numbers built from a real date, a birth number and the Luhn check digit. */
    @Provide
    Arbitrary<String> validTwelveDigits() {
        Arbitrary<LocalDate> dates = Dates.dates().between(LocalDate.of(1927, 12, 1), TODAY);
        Arbitrary<Integer> birthNumbers = Arbitraries.integers().between(0, 999);
        Arbitrary<Boolean> samordning = Arbitraries.of(true, false);
        return Combinators.combine(dates, birthNumbers, samordning).as((date, serial, coordination) -> {
            String nine = String.format("%02d%02d%02d%03d", date.getYear() % 100, date.getMonthValue(),
                    date.getDayOfMonth() + (coordination ? 60 : 0), serial);
            return String.format("%02d", date.getYear() / 100) + nine + Luhn.checkDigit(nine);
        });
    }

    @Property
    void every_generated_number_is_valid_and_canonical(@ForAll("validTwelveDigits") String twelve) {
        assertThat(Personnummer.parse(twelve, TODAY).value()).isEqualTo(twelve);
    }

    @Property
    void ten_digit_forms_of_people_under_100_mean_the_same_person(@ForAll("validTwelveDigits") String twelve) {
        String tenDigits = twelve.substring(2);
        String withDash = tenDigits.substring(0, 6) + "-" + tenDigits.substring(6);
        String twelveWithDash = twelve.substring(0, 8) + "-" + twelve.substring(8);
        Personnummer canonical = Personnummer.parse(twelve, TODAY);
        assertThat(Personnummer.parse(tenDigits, TODAY)).isEqualTo(canonical);
        assertThat(Personnummer.parse(withDash, TODAY)).isEqualTo(canonical);
        assertThat(Personnummer.parse(twelveWithDash, TODAY)).isEqualTo(canonical);
    }

    @Property
    void changing_any_one_digit_of_the_last_ten_is_caught(@ForAll("validTwelveDigits") String twelve,
                                                          @ForAll @IntRange(min = 2, max = 11) int position,
                                                          @ForAll @IntRange(min = 1, max = 9) int delta) {
        char[] digits = twelve.toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + delta) % 10);
        String altered = new String(digits);
        // Luhn detects every single-digit error; a date made invalid by the change is refused too.
        assertThatThrownBy(() -> Personnummer.parse(altered, TODAY)).isInstanceOf(InvalidIdentityNumberException.class);
    }

    @Property
    void the_string_form_never_shows_the_birth_number(@ForAll("validTwelveDigits") String twelve) {
        Personnummer p = Personnummer.parse(twelve, TODAY);
        assertThat(p.toString()).isEqualTo(twelve.substring(0, 8) + "-****");
    }
}
