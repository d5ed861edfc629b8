package se.leka.order;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** The publish step counts a body's records eight bytes at a time; it must count exactly what a byte loop counts. */
class LineEndCountProperties {

    /** Bytes biased towards LF and its neighbours in every bit (0x0B, 0x8A, 0x09, 0x00, 0xFF), where a word trick could miscount. */
    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<Byte> tricky = Arbitraries.of((byte) 0x0A, (byte) 0x0B, (byte) 0x8A, (byte) 0x09, (byte) 0x00,
                (byte) 0xFF, (byte) 0x7F, (byte) 0x80, (byte) 0x0A, (byte) 0x0A);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(
                        Tuple.of(3, tricky),
                        Tuple.of(1, any))
                .array(byte[].class).ofMinSize(0).ofMaxSize(100);
    }

    @Property(tries = 2000)
    void counts_every_line_feed_and_nothing_else(@ForAll("bodies") byte[] bytes, @ForAll @IntRange(min = 0, max = 8) int cut) {
        int n = Math.max(0, bytes.length - cut); // also a prefix of the buffer, as the last read of a file fills
        long expected = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == '\n') {
                expected++;
            }
        }
        assertThat(DeliveryFiles.lineEnds(bytes, n)).isEqualTo(expected);
    }
}
