package se.leka.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import se.leka.format.InvalidIdentityNumberException.Reason;

class PersonnummerTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "200001012384, 200001012384",
            "20000101-2384, 200001012384",
            "0001012384, 200001012384",
            "000101-2384, 200001012384",
            "' 000101-2384 ', 200001012384",
    })
    void accepts_every_written_form_and_keeps_twelve_digits(String written, String canonical) {
        assertThat(Personnummer.parse(written, TODAY).value()).isEqualTo(canonical);
    }

    @Test
    void ten_digits_get_the_century_that_makes_the_person_younger_than_100() {
        assertThat(Personnummer.parse("8112289874", TODAY).value()).isEqualTo("198112289874");
        assertThat(Personnummer.parse("0001012384", TODAY).birthDate()).isEqualTo(LocalDate.of(2000, 1, 1));
    }

    @Test
    void plus_sign_means_100_years_or_older() {
        assertThat(Personnummer.parse("000101+2384", TODAY).value()).isEqualTo("190001012384");
        assertThat(Personnummer.parse("811228+9874", TODAY).value()).isEqualTo("188112289874");
    }

    @Test
    void a_birthday_later_this_year_belongs_to_the_previous_century() {
        LocalDate early = LocalDate.of(2026, 1, 1);
        // 261228-xxxx on 2026-01-01 cannot be born 2026-12-28 (future): it is 1926.
        String tenDigits = withCheckDigit("261228987");
        assertThat(Personnummer.parse(tenDigits, early).birthDate()).isEqualTo(LocalDate.of(1926, 12, 28));
        assertThat(Personnummer.parse(tenDigits, LocalDate.of(2026, 12, 28)).birthDate()).isEqualTo(LocalDate.of(2026, 12, 28));
    }

    @Test
    void samordningsnummer_has_day_plus_60() {
        String samordning = withCheckDigit("000161238");
        Personnummer p = Personnummer.parse("20" + samordning, TODAY);
        assertThat(p.isSamordningsnummer()).isTrue();
        assertThat(p.birthDate()).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(Personnummer.parse("200001012384", TODAY).isSamordningsnummer()).isFalse();
    }

    @Test
    void leap_day_is_valid_only_in_a_leap_year() {
        assertThat(Personnummer.parse("20" + withCheckDigit("000229123"), TODAY).birthDate())
                .isEqualTo(LocalDate.of(2000, 2, 29));
        assertReason("19" + withCheckDigit("000229123"), Reason.INVALID_DATE); // 1900 was not a leap year
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'', BLANK",
            "200001012, WRONG_LENGTH",
            "20000101238456, WRONG_LENGTH",
            "20000101238, BAD_SEPARATOR",
            "20000101A384, NOT_DIGITS",
            "000101/2384, BAD_SEPARATOR",
            "20000101+2384, BAD_SEPARATOR",
            "200001012385, CHECK_DIGIT",
    })
    void refuses_with_a_specific_reason(String written, Reason reason) {
        assertReason(written, reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"001301238", "000001238", "000230238", "000132238", "000192238"})
    void refuses_a_correct_check_digit_on_a_date_that_does_not_exist(String nineDigits) {
        assertReason("20" + withCheckDigit(nineDigits), Reason.INVALID_DATE);
    }

    @Test
    void refuses_a_date_of_birth_in_the_future() {
        assertReason("20" + withCheckDigit("261231123"), Reason.FUTURE_DATE);
    }

    @Test
    void to_string_masks_the_birth_number() {
        Personnummer p = Personnummer.parse("200001012384", TODAY);
        assertThat(p.toString()).isEqualTo("20000101-****").doesNotContain("2384");
        assertThat(p.masked()).isEqualTo("20000101-****");
        assertThat(String.valueOf(p)).doesNotContain("2384");
    }

    @Test
    void presentation_form_switches_to_plus_the_year_the_person_turns_100() {
        Personnummer p = Personnummer.parse("000101-2384", TODAY);
        assertThat(p.presentationForm(TODAY)).isEqualTo("000101-2384");
        assertThat(p.presentationForm(LocalDate.of(2100, 1, 1))).isEqualTo("000101+2384");
    }

    @Test
    void gender_digit_is_odd_for_men() {
        assertThat(Personnummer.parse("200001011493", TODAY).isMale()).isTrue();   // ...149-3: 9 is odd
        assertThat(Personnummer.parse("200001012384", TODAY).isMale()).isFalse();  // ...238-4: 8 is even
    }

    @Test
    void equal_when_the_same_twelve_digits() {
        assertThat(Personnummer.parse("000101-2384", TODAY)).isEqualTo(Personnummer.parse("200001012384", TODAY))
                .hasSameHashCodeAs(Personnummer.parse("200001012384", TODAY));
    }

    private static void assertReason(String written, Reason reason) {
        assertThatThrownBy(() -> Personnummer.parse(written, TODAY))
                .isInstanceOf(InvalidIdentityNumberException.class)
                .satisfies(e -> assertThat(((InvalidIdentityNumberException) e).reason()).isEqualTo(reason));
    }

    static String withCheckDigit(String nineDigits) {
        return nineDigits + Luhn.checkDigit(nineDigits);
    }
}
