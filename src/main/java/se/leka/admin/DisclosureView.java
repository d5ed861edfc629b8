package se.leka.admin;

import java.time.LocalDate;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import se.leka.audit.DisclosureEntry;
import se.leka.audit.DisclosureLog;
import se.leka.format.InvalidIdentityNumberException;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;

/**
 * The disclosure log as the admin shows it: full personnummer for auditors only, masked
 * ({@code 20000101-****}) for everyone else. Both the pages and the REST API go through here.
 */
@Service
class DisclosureView {

    /** A disclosure-log row ready to show; {@code person} is full or masked depending on who asks. */
    public record Row(long seq, String disclosedAt, String recipientOrg, String agentOrg, String person, String purposeCode,
                      String legalBasisId, String statuteReference, String benefitFamilies, String agreementId,
                      String fileName, Long jobExecutionId, int informationType) {
    }

    private final DisclosureLog log;

    DisclosureView(DisclosureLog log) {
        this.log = log;
    }

    static boolean seesPersonnummer(Authentication who) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + AdminSecurity.AUDITOR));
    }

    List<Row> aboutPerson(String personnummer, Authentication who) {
        return rows(log.aboutPerson(Personnummer.parse(personnummer.trim())), who);
    }

    List<Row> toRecipient(String orgNumber, LocalDate from, LocalDate to, Authentication who) {
        return rows(log.toRecipient(OrgNumber.parse(orgNumber.trim()), from, to), who);
    }

    /**
     * The search both the pages and the API offer: by person when one is given, else by partner
     * from {@code from} (default 30 days back) to {@code to} (default today); null when neither is given.
     */
    List<Row> search(String person, String partner, LocalDate from, LocalDate to, Authentication who) {
        if (person != null && !person.isBlank()) {
            try {
                return aboutPerson(person, who);
            } catch (InvalidIdentityNumberException e) {
                throw new IllegalArgumentException("Not a valid personnummer: " + e.getMessage(), e);
            }
        }
        if (partner != null && !partner.isBlank()) {
            LocalDate end = to != null ? to : LocalDate.now();
            return toRecipient(partner, from != null ? from : end.minusDays(30), end, who);
        }
        return null;
    }

    private static List<Row> rows(List<DisclosureEntry> entries, Authentication who) {
        boolean full = seesPersonnummer(who);
        return entries.stream().map(e -> new Row(e.seq(), e.disclosedAt().toString().replace('T', ' '), e.recipientOrg(),
                e.agentOrg(), full ? e.personnummer() : Personnummer.parse(e.personnummer()).masked(), e.purposeCode(),
                e.legalBasisId(), e.statuteReference(), e.benefitFamilies(), e.agreementId(), e.fileName(),
                e.jobExecutionId(), e.informationType())).toList();
    }

    /** The rows as CSV (RFC 4180, {@code ;}-separated like LEKA's other CSV files, header line first). */
    static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder("seq;disclosed_at;recipient_org;agent_org;personnummer;purpose;legal_basis;"
                + "statute;benefit_families;agreement_id;file_name;job_execution_id;information_type\r\n");
        for (Row r : rows) {
            Object[] fields = {r.seq(), r.disclosedAt(), r.recipientOrg(), r.agentOrg(), r.person(), r.purposeCode(),
                    r.legalBasisId(), r.statuteReference(), r.benefitFamilies(), r.agreementId(), r.fileName(),
                    r.jobExecutionId(), r.informationType()};
            for (int i = 0; i < fields.length; i++) {
                out.append(i == 0 ? "" : ";").append(quoted(fields[i]));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String quoted(Object field) {
        String s = field == null ? "" : field.toString();
        return s.contains(";") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
