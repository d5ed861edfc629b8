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
import se.leka.exchange.SftpLogins;
import se.leka.format.OrgNumber;

/**
 * Partners: parties, their agreements with the lifecycle actions, agents' assignments, and the
 * party's SFTP login with its keys (create the login; add, rotate, remove keys). Key actions are
 * confirmed on a page of their own first: a POST without {@code confirmed=yes} only shows what
 * would happen.
 */
@Controller
class PartnersController {

    private final Parties parties;
    private final Agreements agreements;
    private final Assignments assignments;
    private final PartnerActions actions;
    private final SftpLogins logins;

    PartnersController(Parties parties, Agreements agreements, Assignments assignments, PartnerActions actions,
                       SftpLogins logins) {
        this.parties = parties;
        this.agreements = agreements;
        this.assignments = assignments;
        this.actions = actions;
        this.logins = logins;
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
        boolean login = logins.exists(number);
        model.addAttribute("sftpLogin", login);
        model.addAttribute("sftpKeys", login ? logins.keys(number) : List.of());
        return "partners/detail";
    }

    @PostMapping("/partners/{org}/sftp/login")
    String createLogin(@PathVariable String org, @RequestParam(required = false) String confirmed, Principal principal,
                       Model model, RedirectAttributes redirect) {
        Party party = party(org);
        if (!"yes".equals(confirmed)) {
            return confirm(model, party, "create-login", "Create the SFTP login " + party.orgNumber().value() + "?",
                    "The party may then connect with the keys you add, as long as its agreement (or, for an agent, an assignment)"
                            + " is in force.", null, null, null);
        }
        return flash(actions.createLogin(party.orgNumber().value(), principal.getName()), org, redirect);
    }

    @PostMapping("/partners/{org}/sftp/keys")
    String addKey(@PathVariable String org, @RequestParam String key, @RequestParam(required = false) String confirmed,
                  Principal principal, Model model, RedirectAttributes redirect) {
        Party party = party(org);
        if (!"yes".equals(confirmed)) {
            String fingerprint = fingerprint(key, redirect);
            if (fingerprint == null) {
                return "redirect:/partners/" + org;
            }
            return confirm(model, party, "add-key", "Add key " + fingerprint + " to SFTP login " + party.orgNumber().value() + "?",
                    "New sessions may authenticate with it at once. Compare the fingerprint with the one the partner gave you"
                            + " (ssh-keygen -lf) before you confirm.", key, null, fingerprint);
        }
        return flash(actions.addKey(party.orgNumber().value(), key, principal.getName()), org, redirect);
    }

    @PostMapping("/partners/{org}/sftp/keys/rotate")
    String rotateKey(@PathVariable String org, @RequestParam String oldFingerprint, @RequestParam String key,
                     @RequestParam(required = false) String confirmed, Principal principal, Model model, RedirectAttributes redirect) {
        Party party = party(org);
        if (!"yes".equals(confirmed)) {
            String fingerprint = fingerprint(key, redirect);
            if (fingerprint == null) {
                return "redirect:/partners/" + org;
            }
            return confirm(model, party, "rotate-key", "Replace key " + oldFingerprint + " by " + fingerprint + "?",
                    "The new key is added first, then the old one removed: the login is never without a key. Sessions already"
                            + " open with the old key go on; new ones with it are refused.", key, oldFingerprint, fingerprint);
        }
        return flash(actions.rotateKey(party.orgNumber().value(), oldFingerprint, key, principal.getName()), org, redirect);
    }

    @PostMapping("/partners/{org}/sftp/keys/remove")
    String removeKey(@PathVariable String org, @RequestParam String fingerprint, @RequestParam(required = false) String confirmed,
                     Principal principal, Model model, RedirectAttributes redirect) {
        Party party = party(org);
        if (!"yes".equals(confirmed)) {
            return confirm(model, party, "remove-key", "Remove key " + fingerprint + " from SFTP login " + party.orgNumber().value() + "?",
                    "New sessions with this key are refused; sessions already open go on until they end."
                            + (logins.fingerprints(party.orgNumber()).size() <= 1 ? " It is the login's only key: the partner cannot"
                            + " connect until a new one is added." : ""), null, fingerprint, null);
        }
        return flash(actions.removeKey(party.orgNumber().value(), fingerprint, principal.getName()), org, redirect);
    }

    private static String confirm(Model model, Party party, String action, String question, String explanation, String key,
                                  String oldFingerprint, String newFingerprint) {
        model.addAttribute("party", party);
        model.addAttribute("action", action);
        model.addAttribute("question", question);
        model.addAttribute("explanation", explanation);
        model.addAttribute("key", key);
        model.addAttribute("oldFingerprint", oldFingerprint);
        model.addAttribute("newFingerprint", newFingerprint);
        return "partners/sftp-confirm";
    }

    private static String fingerprint(String key, RedirectAttributes redirect) {
        try {
            return SftpLogins.fingerprintOf(key);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Refused: " + e.getMessage());
            return null;
        }
    }

    private Party party(String org) {
        OrgNumber number = parse(org);
        return parties.find(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no party " + org));
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
