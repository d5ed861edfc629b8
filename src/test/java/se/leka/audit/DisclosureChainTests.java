package se.leka.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

/** The append's hasher must give exactly the chain's hash: a verification recomputes it field by field. */
class DisclosureChainTests {

    @Test
    void the_appends_hasher_gives_the_chains_hash_for_every_row() {
        LocalDateTime at = LocalDateTime.of(2026, 11, 30, 7, 5, 1, 123_456_789);
        var hasher = new DisclosureChain.Hasher(at);
        String previous = DisclosureChain.GENESIS;
        for (int i = 1; i <= 50; i++) {
            String agent = i % 3 == 0 ? "5569988776" : null;
            Long execution = i % 7 == 0 ? null : 1_000L + i;
            String expected = DisclosureChain.hash(previous, i, at, "5566778899", agent, "2000010123" + (i % 10) + "4",
                    "SAM", "SFB-SAM-FB", "SFB (2010:110) 110 kap. 39 § — ändrad", "FORA,SJUK", "AVT-2026-0001",
                    "5566778899_LEVE_20261130_0000001.txt", execution, i % 2);
            String actual = hasher.hash(previous, i, "5566778899", agent, "2000010123" + (i % 10) + "4", "SAM", "SFB-SAM-FB",
                    "SFB (2010:110) 110 kap. 39 § — ändrad", "FORA,SJUK", "AVT-2026-0001",
                    "5566778899_LEVE_20261130_0000001.txt", execution, i % 2);
            assertThat(actual).as("row %d", i).isEqualTo(expected);
            previous = actual;
        }
    }
}
