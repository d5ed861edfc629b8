package se.leka.register;

import java.util.Locale;

/**
 * Wall-clock time per phase of a step, for the job log ("diff 1.2 s, change-log 0.4 s, …"): where an
 * import spends its time is the first thing to look at when one is slow.
 */
final class PhaseTimer {

    private final StringBuilder phases = new StringBuilder();
    private final long started = System.nanoTime();
    private long last = started;

    /** Ends the phase running since the previous call (or since construction) under {@code name}. */
    void lap(String name) {
        long now = System.nanoTime();
        phases.append(phases.isEmpty() ? "" : ", ").append(name).append(' ').append(seconds(now - last)).append(" s");
        last = now;
    }

    @Override
    public String toString() {
        return phases + (phases.isEmpty() ? "" : "; ") + "total " + seconds(System.nanoTime() - started) + " s";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
