package se.leka.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The append's hasher renders a row its own way (what an append's rows share once); whatever the
 * fields hold — ASCII, Swedish letters, symbols beyond the basic plane, a lone surrogate, the
 * separator itself — its hash must be the reference's, which verification recomputes.
 */
class DisclosureChainProperties {

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("aåäöÅÄÖ§—\u001F\\\t\n").ofMaxLength(40),
                Arbitraries.strings().withChars('\uD83D', '\uDE00', 'x').ofMaxLength(10),
                Arbitraries.just(null));
    }

    @Property(tries = 500)
    void the_hasher_gives_the_reference_hash(@ForAll("fields") String recipient, @ForAll("fields") String agent,
                                             @ForAll("fields") String person, @ForAll("fields") String statute,
                                             @ForAll("fields") String file, @ForAll long seq, @ForAll Long execution) {
        LocalDateTime at = LocalDateTime.of(2026, 11, 30, 7, 5, 1, 123_456_000);
        String expected = DisclosureChain.hash(DisclosureChain.GENESIS, seq, at, recipient, agent, person, "SAM", "SFB-SAM-FB",
                statute, "FORA,SJUK", "AVT-2026-0001", file, execution, 1);
        String actual = new DisclosureChain.Hasher(at).hash(DisclosureChain.GENESIS, seq, recipient, agent, person, "SAM",
                "SFB-SAM-FB", statute, "FORA,SJUK", "AVT-2026-0001", file, execution, 1);
        assertThat(actual).isEqualTo(expected);
    }
}
