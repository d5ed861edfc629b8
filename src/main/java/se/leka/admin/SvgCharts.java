package se.leka.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/** Small server-rendered SVG bar charts: no JavaScript chart library, nothing to build. */
final class SvgCharts {

    static final Map<String, String> STATUS_COLOURS = Map.of("COMPLETED", "#2e7d32", "FAILED", "#c62828",
            "STOPPED", "#ef6c00", "ABANDONED", "#6d4c41", "STARTED", "#1565c0", "STARTING", "#1565c0",
            "STOPPING", "#ef6c00", "UNKNOWN", "#757575");
    private static final int WIDTH = 600;
    private static final int HEIGHT = 160;
    private static final int BOTTOM = 20;

    private SvgCharts() {
    }

    /** One bar per value (oldest left), labelled below, value on hover; coloured per bar. */
    record Bar(String label, double value, String colour, String title) {
    }

    static String bars(String caption, String unit, List<Bar> bars) {
        StringBuilder svg = open(caption);
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        if (bars.isEmpty() || max <= 0) {
            return svg.append(text(WIDTH / 2, HEIGHT / 2, "no data", "middle")).append("</svg>").toString();
        }
        double slot = (double) WIDTH / bars.size();
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double h = (HEIGHT - BOTTOM - 14) * b.value() / max;
            double x = i * slot + slot * 0.1;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                            + "<title>%s</title></rect>", x, HEIGHT - BOTTOM - h, slot * 0.8, h, b.colour(),
                    esc(b.title() + ": " + format(b.value()) + " " + unit)));
            svg.append(text(x + slot * 0.4, HEIGHT - 5, b.label(), "middle"));
        }
        svg.append(text(4, 12, "max " + format(max) + " " + unit, "start"));
        return svg.append("</svg>").toString();
    }

    /** Executions per day, one stacked bar per day, a colour per status. */
    static String stacked(String caption, List<LocalDate> days, List<ExecutionQueries.DayCount> counts) {
        StringBuilder svg = open(caption);
        long max = days.stream().mapToLong(d -> counts.stream().filter(c -> c.day().equals(d)).mapToLong(ExecutionQueries.DayCount::count).sum())
                .max().orElse(0);
        if (max == 0) {
            return svg.append(text(WIDTH / 2, HEIGHT / 2, "no executions", "middle")).append("</svg>").toString();
        }
        double slot = (double) WIDTH / days.size();
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            double y = HEIGHT - BOTTOM;
            for (ExecutionQueries.DayCount c : counts) {
                if (!c.day().equals(day)) {
                    continue;
                }
                double h = (HEIGHT - BOTTOM - 14) * c.count() / (double) max;
                y -= h;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                                + "<title>%s</title></rect>", i * slot + slot * 0.1, y, slot * 0.8, h,
                        STATUS_COLOURS.getOrDefault(c.status(), "#757575"), esc(day + " " + c.status() + ": " + c.count())));
            }
            svg.append(text(i * slot + slot / 2, HEIGHT - 5, day.getDayOfMonth() + "/" + day.getMonthValue(), "middle"));
        }
        svg.append(text(4, 12, "max " + max + " per day", "start"));
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String caption) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, esc(caption)));
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"%s\">%s</text>", x, y,
                anchor, esc(s));
    }

    private static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
