package se.leka.register;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTests {

    @Test
    void twelve_digit_personnummer_in_a_message_are_masked_and_other_numbers_kept() {
        assertThat(Masking.mask("Key (fact_key)=(FKFORMAN|200001012384|SJPN|SJ1|) already exists; 123456789012345 rows"))
                .isEqualTo("Key (fact_key)=(FKFORMAN|20000101-****|SJPN|SJ1|) already exists; 123456789012345 rows");
        assertThat(Masking.mask(null)).isNull();
    }
}
