package se.leka.admin;

import java.security.Principal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

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

import se.leka.agreement.Agreement;
import se.leka.agreement.Agreements;
import se.leka.agreement.Assignments;
import se.leka.agreement.Parties;
import se.leka.agreement.Party;
import se.leka.format.OrgNumber;

/**
 * Partners: parties, their agreements with the lifecycle actions, and agents' assignments.
 * (SFTP keys join this page with the exchange room.)
 */
@Controller
class PartnersController {

    private final Parties parties;
    private final Agreements agreements;
    private final Assignments assignments;
    private final PartnerActions actions;

    PartnersController(Parties parties, Agreements agreements, Assignments assignments, PartnerActions actions) {
        this.parties = parties;
        this.agreements = agreements;
        this.assignments = assignments;
        this.actions = actions;
    }

    @GetMapping("/partners")
    String partners(Model model) {
        model.addAttribute("parties", parties.all().stream().sorted(Comparator.comparing(Party::name)).toList());
        model.addAttribute("agreements", agreements.all());
        return "partners/list";
    }

    @GetMapping("/partners/{org}")
    String partner(@PathVariable String org, Model model) {
        OrgNumber number = parse(org);
        Party party = parties.find(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no party " + org));
        List<Agreement> theirs = agreements.of(number);
        model.addAttribute("party", party);
        model.addAttribute("agreements", theirs);
        model.addAttribute("history", theirs.stream().flatMap(a -> agreements.history(a.agreementId()).stream()).toList());
        model.addAttribute("assignments", party.type() == se.leka.agreement.PartyType.AGENT
                ? assignments.ofAgent(number) : assignments.ofPrincipal(number));
        model.addAttribute("parties", parties.all());
        model.addAttribute("steps", PartnerActions.AgreementStep.values());
        model.addAttribute("today", LocalDate.now());
        return "partners/detail";
    }

    @PostMapping("/partners/{org}/agreements/{agreementId}/{step}")
    String agreementStep(@PathVariable String org, @PathVariable String agreementId, @PathVariable String step,
                         @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveOn,
                         Principal principal, RedirectAttributes redirect) {
        PartnerActions.AgreementStep parsed;
        try {
            parsed = PartnerActions.AgreementStep.valueOf(step.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no step " + step);
        }
        return flash(actions.agreementStep(agreementId, parsed, on, effectiveOn, principal.getName()), org, redirect);
    }

    @PostMapping("/partners/{org}/assignments")
    String assign(@PathVariable String org, @RequestParam String principalOrg,
                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validFrom,
                  Principal principal, RedirectAttributes redirect) {
        return flash(actions.assign(org, principalOrg, validFrom, principal.getName()), org, redirect);
    }

    @PostMapping("/partners/{org}/assignments/{id}/end")
    String endAssignment(@PathVariable String org, @PathVariable long id,
                         @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endedOn,
                         Principal principal, RedirectAttributes redirect) {
        return flash(actions.endAssignment(id, endedOn, principal.getName()), org, redirect);
    }

    private static String flash(ExecutionActions.Result result, String org, RedirectAttributes redirect) {
        redirect.addFlashAttribute(result.done() ? "notice" : "problem", (result.done() ? "Done: " : "Refused: ") + result.message());
        return "redirect:/partners/" + org;
    }

    private static OrgNumber parse(String org) {
        try {
            return OrgNumber.parse(org);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "not an organisationsnummer: " + org);
        }
    }
}
