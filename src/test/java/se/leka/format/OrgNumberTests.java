package se.leka.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import se.leka.format.InvalidIdentityNumberException.Reason;

class OrgNumberTests {

    @ParameterizedTest
    @ValueSource(strings = {"2021005521", "202100-5521", "162021005521", "5566778899", "2120000142"})
    void accepts_valid_numbers_in_every_written_form(String written) {
        assertThat(OrgNumber.parse(written).value()).matches("\\d{10}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'', BLANK",
            "20210055, WRONG_LENGTH",
            "202100+5521, BAD_SEPARATOR",
            "20210O5521, NOT_DIGITS",
            "2021005522, CHECK_DIGIT",
            "0001012384, NOT_AN_ORGANISATION",
    })
    void refuses_with_a_specific_reason(String written, Reason reason) {
        assertThatThrownBy(() -> OrgNumber.parse(written))
                .isInstanceOf(InvalidIdentityNumberException.class)
                .satisfies(e -> assertThat(((InvalidIdentityNumberException) e).reason()).isEqualTo(reason));
    }

    @Property
    void the_check_digit_computed_by_luhn_is_the_only_one_accepted(@ForAll @IntRange(min = 200_000_000, max = 999_999_999) int nine,
                                                                  @ForAll @IntRange(min = 0, max = 9) int lastDigit) {
        String candidate = String.valueOf(nine) + lastDigit;
        boolean luhnDigit = lastDigit == Luhn.checkDigit(String.valueOf(nine));
        boolean organisationGroup = candidate.charAt(2) >= '2';
        assertThat(OrgNumber.isValid(candidate)).isEqualTo(luhnDigit && organisationGroup);
    }

    @org.junit.jupiter.api.Test
    void prints_with_a_dash() {
        assertThat(OrgNumber.parse("2021005521")).hasToString("202100-5521");
    }
}
