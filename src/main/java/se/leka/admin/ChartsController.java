package se.leka.admin;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Charts: duration and items/s of each job's last N executions; executions per day by status. */
@Controller
class ChartsController {

    private final JobCatalogue catalogue;
    private final ExecutionQueries queries;

    ChartsController(JobCatalogue catalogue, ExecutionQueries queries) {
        this.catalogue = catalogue;
        this.queries = queries;
    }

    @GetMapping("/charts")
    String charts(@RequestParam(defaultValue = "20") int last, @RequestParam(defaultValue = "14") int days, Model model) {
        int n = Math.max(1, Math.min(last, 200));
        int d = Math.max(1, Math.min(days, 90));
        Map<String, List<String>> perJob = new LinkedHashMap<>();
        for (String job : catalogue.names()) {
            List<ExecutionSummary> runs = new ArrayList<>(queries.lastOf(job, n));
            java.util.Collections.reverse(runs);
            List<SvgCharts.Bar> durations = new ArrayList<>();
            List<SvgCharts.Bar> rates = new ArrayList<>();
            for (ExecutionSummary run : runs) {
                if (run.startTime() == null || run.endTime() == null) {
                    continue;
                }
                double seconds = Math.max(0.001, Duration.between(run.startTime(), run.endTime()).toMillis() / 1000.0);
                String colour = SvgCharts.STATUS_COLOURS.getOrDefault(run.status(), "#757575");
                String label = "#" + run.executionId();
                durations.add(new SvgCharts.Bar(label, seconds, colour, "execution " + run.executionId() + " " + run.status()));
                rates.add(new SvgCharts.Bar(label, queries.itemsRead(run.executionId()) / seconds, colour,
                        "execution " + run.executionId() + " " + run.status()));
            }
            perJob.put(job, List.of(SvgCharts.bars(job + ": duration", "s", durations),
                    SvgCharts.bars(job + ": items per second", "items/s", rates)));
        }
        LocalDate today = LocalDate.now();
        List<LocalDate> window = new ArrayList<>();
        for (int i = d - 1; i >= 0; i--) {
            window.add(today.minusDays(i));
        }
        model.addAttribute("perJob", perJob);
        model.addAttribute("perDay", SvgCharts.stacked("executions per day by status", window, queries.perDay(window.get(0))));
        model.addAttribute("last", n);
        model.addAttribute("days", d);
        model.addAttribute("colours", SvgCharts.STATUS_COLOURS);
        return "charts";
    }
}
