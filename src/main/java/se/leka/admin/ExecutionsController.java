package se.leka.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.batch.core.BatchStatus;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.leka.audit.JobLog;

/** The executions pages: filtered list, detail (live while running), job log, and the actions with their confirmation. */
@Controller
class ExecutionsController {

    static final Set<String> ACTIONS = Set.of("restart", "stop", "abandon", "recover");
    static final List<String> STATUSES = java.util.Arrays.stream(BatchStatus.values()).map(Enum::name).toList();

    private final ExecutionQueries queries;
    private final ExecutionActions actions;
    private final JobCatalogue catalogue;
    private final JobLog jobLog;
    private final HistoryPurge history;

    ExecutionsController(ExecutionQueries queries, ExecutionActions actions, JobCatalogue catalogue, JobLog jobLog,
                         HistoryPurge history) {
        this.queries = queries;
        this.actions = actions;
        this.catalogue = catalogue;
        this.jobLog = jobLog;
        this.history = history;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/executions";
    }

    @GetMapping("/executions")
    String list(@ModelAttribute("filter") ExecutionFilter filter, Model model) {
        model.addAttribute("page", queries.list(filter));
        model.addAttribute("jobNames", catalogue.names());
        model.addAttribute("statuses", STATUSES);
        return "executions/list";
    }

    @GetMapping("/executions/{id}")
    String detail(@PathVariable long id, Model model) {
        model.addAttribute("execution", detailOf(id));
        model.addAttribute("logLines", jobLog.lines(id));
        model.addAttribute("purged", history.purgeOf(id).orElse(null));
        return "executions/detail";
    }

    /** The part of the detail page that htmx refreshes every two seconds while the execution runs. */
    @GetMapping("/executions/{id}/live")
    String live(@PathVariable long id, Model model) {
        model.addAttribute("execution", detailOf(id));
        model.addAttribute("logLines", jobLog.lines(id));
        return "executions/detail :: live";
    }

    @GetMapping("/executions/{id}/log")
    void log(@PathVariable long id, HttpServletResponse response) {
        detailOf(id);
        response.setContentType("text/plain;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"execution-" + id + ".log\"");
        try {
            PrintWriter out = response.getWriter();
            jobLog.writeText(id, out::println);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/executions/{id}/actions/{action}")
    String confirm(@PathVariable long id, @PathVariable String action, Model model) {
        requireAction(action);
        model.addAttribute("execution", detailOf(id));
        model.addAttribute("action", action);
        return "executions/confirm";
    }

    @PostMapping("/executions/{id}/actions/{action}")
    String act(@PathVariable long id, @PathVariable String action, Principal principal, RedirectAttributes redirect) {
        requireAction(action);
        String actor = principal.getName();
        ExecutionActions.Result result = switch (action) {
            case "restart" -> actions.restart(id, actor);
            case "stop" -> actions.stop(id, actor);
            case "abandon" -> actions.abandon(id, actor);
            default -> actions.recover(id, actor);
        };
        redirect.addFlashAttribute(result.done() ? "notice" : "problem",
                capitalised(action) + " of execution " + id + (result.done() ? ": " : " refused: ") + result.message());
        long target = result.done() && result.executionId() != null ? result.executionId() : id;
        return "redirect:/executions/" + target;
    }

    private ExecutionDetail detailOf(long id) {
        return queries.detail(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no execution " + id));
    }

    private static void requireAction(String action) {
        if (!ACTIONS.contains(action)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no action " + action);
        }
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
