package se.leka.register;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Which facts of an extract may occur more than once, found while the rows stream past, in memory
 * that does not grow with the extract: a Bloom filter of the fact keys seen so far (32 MiB, 4 probes).
 * A row whose key the filter may have seen before makes that key a <em>candidate</em>; every real
 * repetition is a candidate (a Bloom filter has no false negatives), and only a few hundred
 * non-repeated keys of a 5,000,000-row extract are (false positives). The stage step then looks for
 * repetitions among the candidates only, instead of grouping every staged row by its key. If an
 * extract has more candidates than {@link #MAX_CANDIDATES} (it repeats many facts), the filter gives
 * up ({@link #overflowed()}) and the stage step groups every row as before.
 *
 * <p>Blocked: all four probes of a key fall into one 512-bit block, one cache line, so a row costs
 * one cache miss in the 32 MiB instead of four (a slightly higher false-positive rate, still a few
 * hundred at 5M); one hash of the key gives both the block and the probes.
 */
final class RepeatedFactFilter {

    static final int MAX_CANDIDATES = 50_000;
    private static final int BITS_LOG2 = 28;
    private static final int BLOCK_WORDS_LOG2 = 3; // 8 longs = 512 bits = 64 bytes
    private static final int BLOCKS_MASK = (1 << (BITS_LOG2 - 6 - BLOCK_WORDS_LOG2)) - 1;
    private static final int PROBES = 4;

    private final long[] bits = new long[1 << (BITS_LOG2 - 6)];
    private final Set<String> candidates = new HashSet<>();
    private boolean overflowed;

    void add(StagedRow row) {
        if (overflowed) {
            return;
        }
        long h = hash(row);
        // block from the high bits, probes (9 bits each) from the low 36: they do not overlap
        int block = ((int) (h >>> 40) & BLOCKS_MASK) << BLOCK_WORDS_LOG2;
        boolean seen = true;
        for (int i = 0; i < PROBES; i++) {
            int bit = (int) (h >>> (9 * i)) & 511;
            int word = block + (bit >>> 6);
            long mask = 1L << bit;
            if ((bits[word] & mask) == 0) {
                seen = false;
                bits[word] |= mask;
            }
        }
        if (seen) {
            candidates.add(row.factKey());
            if (candidates.size() > MAX_CANDIDATES) {
                overflowed = true;
                candidates.clear();
            }
        }
    }

    /** Keys that may occur more than once (a superset of those that do); empty when none does. */
    Set<String> candidates() {
        return candidates;
    }

    /** True when there were too many candidates to keep: every row has to be checked. */
    boolean overflowed() {
        return overflowed;
    }

    /** A 64-bit hash of the fact key's parts (the same parts as {@link StagedRow#factKey()}), without building it. */
    private static long hash(StagedRow row) {
        long h = 0x9E3779B97F4A7C15L;
        h = mix(h, row.sourceSystem());
        h = mix(h, row.personnummer());
        h = mix(h, row.benefit());
        h = mix(h, row.decisionId());
        LocalDate paid = row.paymentDate();
        h = step(h, paid == null ? -1 : paid.toEpochDay());
        return finish(h);
    }

    private static long mix(long h, String part) {
        for (int i = 0, n = part.length(); i < n; i++) {
            h = step(h, part.charAt(i));
        }
        return step(h, '|');
    }

    private static long step(long h, long value) {
        return (h ^ value) * 0x100000001B3L + (h >>> 29);
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
