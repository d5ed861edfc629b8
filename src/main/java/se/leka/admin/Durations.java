package se.leka.admin;

import java.time.Duration;

/** How durations read in the admin: {@code 1 h 02 min}, {@code 3 min 05 s}, {@code 4.2 s}. */
final class Durations {

    private Durations() {
    }

    /** From start to end, or to now while it runs; empty before it started. */
    static String between(java.time.LocalDateTime start, java.time.LocalDateTime end) {
        return start == null ? "" : text(Duration.between(start, end != null ? end : java.time.LocalDateTime.now()));
    }

    static String text(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format("%d min %02d s", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
