package se.leka.admin;

import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The jobs page (every job with its card, schedule and last execution) and the launch form. */
@Controller
class JobsController {

    /** Form fields carrying job parameters are named {@code p.<key>}. */
    static final String PARAMETER_PREFIX = "p.";

    private final JobCatalogue catalogue;
    private final ExecutionActions actions;

    JobsController(JobCatalogue catalogue, ExecutionActions actions) {
        this.catalogue = catalogue;
        this.actions = actions;
    }

    @GetMapping("/jobs")
    String jobs(Model model) {
        model.addAttribute("jobs", catalogue.all());
        return "jobs/list";
    }

    @GetMapping("/jobs/{name}/launch")
    String launchForm(@PathVariable String name, Model model) {
        JobCatalogue.JobInfo job = catalogue.info(name);
        if (!job.inContext()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "job " + name + " is not deployed here");
        }
        model.addAttribute("job", job);
        return "jobs/launch";
    }

    @PostMapping("/jobs/{name}/launch")
    String launch(@PathVariable String name, @RequestParam Map<String, String> form,
                  @RequestParam(name = "runDate", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate runDate,
                  Principal principal, RedirectAttributes redirect) {
        Map<String, String> parameters = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith(PARAMETER_PREFIX)) {
                parameters.put(k.substring(PARAMETER_PREFIX.length()), v);
            }
        });
        if (form.containsKey("extraKey") && !form.get("extraKey").isBlank()) {
            parameters.put(form.get("extraKey"), form.getOrDefault("extraValue", ""));
        }
        ExecutionActions.Result result = actions.launch(name, parameters, runDate, principal.getName());
        if (!result.done()) {
            redirect.addFlashAttribute("problem", "Launch of " + name + " refused: " + result.message());
            return "redirect:/jobs/" + name + "/launch";
        }
        redirect.addFlashAttribute("notice", "Job " + name + " " + result.message());
        return "redirect:/executions/" + result.executionId();
    }
}
