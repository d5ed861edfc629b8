package se.leka.admin;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Purging execution history: the page shows what a purge of history older than N days removes, and asks for confirmation. */
@Controller
class HistoryController {

    private final HistoryPurge purge;

    HistoryController(HistoryPurge purge) {
        this.purge = purge;
    }

    @GetMapping("/history/purge")
    String preview(@RequestParam(required = false) Integer days, Model model) {
        int age = days == null ? purge.defaultDays() : days;
        if (age < 1) {
            model.addAttribute("problem", "give an age of at least 1 day");
            age = purge.defaultDays();
        }
        model.addAttribute("preview", purge.preview(age));
        model.addAttribute("defaultDays", purge.defaultDays());
        return "executions/purge";
    }

    @PostMapping("/history/purge")
    String purge(@RequestParam int days, Principal principal, RedirectAttributes redirect) {
        ExecutionActions.Result result = purge.purge(days, principal.getName());
        redirect.addFlashAttribute(result.done() ? "notice" : "problem",
                "Purge of history older than " + days + " days" + (result.done() ? ": " : " refused: ") + result.message());
        return "redirect:/history/purge?days=" + Math.max(days, 1);
    }
}
