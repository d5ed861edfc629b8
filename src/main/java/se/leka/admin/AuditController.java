package se.leka.admin;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.leka.audit.DisclosureLog;
import se.leka.audit.OperatorActionLog;

/** The auditors' pages: disclosure log search, CSV export and chain verification; the operator action log. */
@Controller
class AuditController {

    private final DisclosureView disclosures;
    private final DisclosureLog disclosureLog;
    private final OperatorActionLog actionLog;

    AuditController(DisclosureView disclosures, DisclosureLog disclosureLog, OperatorActionLog actionLog) {
        this.disclosures = disclosures;
        this.disclosureLog = disclosureLog;
        this.actionLog = actionLog;
    }

    @GetMapping("/audit/disclosures")
    String disclosures(@RequestParam(required = false) String person, @RequestParam(required = false) String partner,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                       Authentication who, Model model) {
        model.addAttribute("person", person);
        model.addAttribute("partner", partner);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("fullNumbers", DisclosureView.seesPersonnummer(who));
        try {
            List<DisclosureView.Row> rows = disclosures.search(person, partner, from, to, who);
            model.addAttribute("rows", rows);
        } catch (IllegalArgumentException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "audit/disclosures";
    }

    @GetMapping("/audit/disclosures.csv")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String person, @RequestParam(required = false) String partner,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                  Authentication who) {
        List<DisclosureView.Row> rows = disclosures.search(person, partner, from, to, who);
        if (rows == null) {
            throw new IllegalArgumentException("give a personnummer, or a partner with a date range, to export");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("disclosures.csv").build().toString())
                .body(DisclosureView.csv(rows).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/audit/disclosures/verify")
    String verify(Model model) {
        model.addAttribute("verification", disclosureLog.verifyChain());
        model.addAttribute("fullNumbers", false);
        return "audit/disclosures";
    }

    @GetMapping("/audit/actions")
    String actions(@RequestParam(required = false) String actor, @RequestParam(required = false) String targetType,
                   @RequestParam(required = false) String targetId,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        model.addAttribute("actions", actionLog.search(actor, targetType, targetId, from, to, 500));
        model.addAttribute("actor", actor);
        model.addAttribute("targetType", targetType);
        model.addAttribute("targetId", targetId);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit/actions";
    }
}
