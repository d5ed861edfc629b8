package se.leka.order;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import se.leka.agreement.DisclosureDecision;
import se.leka.agreement.DisclosurePolicy;
import se.leka.agreement.RefusalReason;
import se.leka.format.BenefitFamily;
import se.leka.format.InvalidIdentityNumberException;
import se.leka.format.ParsedLine;
import se.leka.format.Personnummer;

/**
 * The checks of one order or query line that need only the line itself and the sender's disclosure policy
 * (loaded once per file). Checks against other lines and existing watches are set-based, after all
 * lines are stored (see {@code OrderFileChecks}).
 */
final class OrderLineChecks {

    static final int FAMILY_SLOT = 4;
    private static final Set<String> ACTIONS = Set.of("N", "A", "H", "Q");
    /** The length of each layout's detail record, by its BeanIO record name. */
    static final Map<String, Integer> DETAIL_LENGTH = Map.of("order", 150, "query", 160);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Map<RefusalReason, String> FIELD_OF_REFUSAL = Map.of(
            RefusalReason.UNKNOWN_PURPOSE, "purposeCode",
            RefusalReason.PURPOSE_NOT_FOR_PARTY_TYPE, "purposeCode",
            RefusalReason.PURPOSE_NOT_IN_AGREEMENT, "purposeCode",
            RefusalReason.NO_BENEFITS_REQUESTED, "benefitFamilies",
            RefusalReason.BENEFIT_NOT_IN_AGREEMENT, "benefitFamilies",
            RefusalReason.CONSENT_MISSING, "consentReference",
            RefusalReason.CASE_REFERENCE_MISSING, "caseReference");

    private final long inboundFileId;
    private final DisclosurePolicy policy;
    private final LocalDate fileDate;

    OrderLineChecks(long inboundFileId, DisclosurePolicy policy, LocalDate fileDate) {
        this.inboundFileId = inboundFileId;
        this.policy = policy;
        this.fileDate = fileDate;
    }

    CheckedOrderLine check(ParsedLine<?> parsed) {
        Integer expectedLength = DETAIL_LENGTH.get(parsed.recordName());
        if (expectedLength != null && parsed.text() != null && parsed.text().length() != expectedLength) {
            return refused(parsed.lineNumber(), null, OrderErrorCode.RECORD_UNREADABLE.name(), "recordLength",
                    "a detail record has " + expectedLength + " characters, this line has " + parsed.text().length());
        }
        if (!parsed.parsed() || !(parsed.value() instanceof OrderLine line)) {
            String field = parsed.fieldErrors().keySet().stream().findFirst().orElse("recordType");
            String detail = parsed.fieldErrors().values().stream().flatMap(List::stream).findFirst()
                    .or(() -> parsed.recordErrors().stream().findFirst()).orElse(OrderErrorCode.RECORD_UNREADABLE.description());
            return refused(parsed.lineNumber(), null, OrderErrorCode.RECORD_UNREADABLE.name(), field, detail);
        }
        Builder b = new Builder(parsed.lineNumber(), line);
        if (!ACTIONS.contains(b.action) || line instanceof QueryLine != "Q".equals(b.action)) {
            return b.refuse(OrderErrorCode.ACTION_INVALID, "action");
        }
        if (!twelveDigits(b.personnummer)) {
            return b.refuse(OrderErrorCode.PERSONNUMMER_INVALID, "personnummer");
        }
        Personnummer person;
        try {
            person = Personnummer.parse(b.personnummer, fileDate);
        } catch (InvalidIdentityNumberException e) {
            return b.refuse(OrderErrorCode.PERSONNUMMER_INVALID.name(), "personnummer",
                    OrderErrorCode.PERSONNUMMER_INVALID.description() + " (" + e.reason() + ")");
        }
        if (b.purpose.isEmpty()) {
            return b.refuse(OrderErrorCode.PURPOSE_MISSING, "purposeCode");
        }
        if ("A".equals(b.action)) {
            return b.accept(null);
        }
        Set<BenefitFamily> families = EnumSet.noneOf(BenefitFamily.class);
        String rawFamilies = line.getBenefitFamilies() == null ? "" : line.getBenefitFamilies();
        for (int i = 0; i < rawFamilies.length(); i += FAMILY_SLOT) {
            String code = rawFamilies.substring(i, Math.min(rawFamilies.length(), i + FAMILY_SLOT)).strip();
            if (code.isEmpty()) {
                continue;
            }
            var family = BenefitFamily.fromCode(code);
            if (family.isEmpty()) {
                return b.refuse(OrderErrorCode.BENEFIT_FAMILY_UNKNOWN.name(), "benefitFamilies",
                        "benefit family '" + code + "' is not in the catalogue");
            }
            families.add(family.get());
        }
        b.families = codes(families);
        String rawDate = strip(line.getFromDate());
        if (!"H".equals(b.action) || !rawDate.isEmpty()) {
            try {
                b.fromDate = LocalDate.parse(rawDate, DATE);
            } catch (DateTimeParseException e) {
                return b.refuse(OrderErrorCode.FROM_DATE_INVALID, "fromDate");
            }
        }
        String rawToDate = line instanceof QueryLine query ? strip(query.getToDate()) : "";
        if (!rawToDate.isEmpty()) {
            try {
                b.toDate = LocalDate.parse(rawToDate, DATE);
            } catch (DateTimeParseException e) {
                return b.refuse(OrderErrorCode.TO_DATE_INVALID, "toDate");
            }
            if (b.toDate.isBefore(b.fromDate)) {
                return b.refuse(OrderErrorCode.TO_DATE_INVALID, "toDate");
            }
        }
        DisclosureDecision decision = policy.decide(b.purpose, families, person, b.consent, b.caseRef);
        if (decision instanceof DisclosureDecision.Refused refused) {
            return b.refuse(refused.reason().name(), FIELD_OF_REFUSAL.getOrDefault(refused.reason(), "sender"), refused.message());
        }
        return b.accept(((DisclosureDecision.Permitted) decision).basis().id());
    }

    /** Twelve ASCII digits ({@code \\d{12}} without a regular expression per line). */
    private static boolean twelveDigits(String s) {
        if (s.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String codes(Set<BenefitFamily> families) {
        TreeSet<String> sorted = new TreeSet<>();
        families.forEach(f -> sorted.add(f.code()));
        return String.join(",", sorted);
    }

    private CheckedOrderLine refused(int lineNumber, String action, String code, String field, String message) {
        return new CheckedOrderLine(inboundFileId, lineNumber, action, null, null, null, null, null, null, null, null, null,
                code, field, truncate(message));
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        String stripped = strip(s);
        return stripped.isEmpty() ? null : stripped;
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 300 ? message : message.substring(0, 297) + "...";
    }

    /** Collects the line's fields as they are stored, accepted or refused. */
    private final class Builder {
        final int lineNumber;
        final String action;
        final String personnummer;
        final String purpose;
        final String consent;
        final String caseRef;
        final String partnerRef;
        String families;
        LocalDate fromDate;
        LocalDate toDate;

        Builder(int lineNumber, OrderLine line) {
            this.lineNumber = lineNumber;
            this.action = strip(line.getAction());
            this.personnummer = strip(line.getPersonnummer());
            this.purpose = strip(line.getPurposeCode());
            this.consent = blankToNull(line.getConsentReference());
            this.caseRef = blankToNull(line.getCaseReference());
            this.partnerRef = blankToNull(line.getPartnerReference());
        }

        CheckedOrderLine accept(String legalBasisId) {
            return line(legalBasisId, null, null, null);
        }

        CheckedOrderLine refuse(OrderErrorCode code, String field) {
            return refuse(code.name(), field, code.description());
        }

        CheckedOrderLine refuse(String code, String field, String message) {
            return line(null, code, field, truncate(message));
        }

        private CheckedOrderLine line(String legalBasisId, String code, String field, String message) {
            return new CheckedOrderLine(inboundFileId, lineNumber, action.length() == 1 ? action : null,
                    personnummer.length() == 12 ? personnummer : null, purpose.length() <= 10 ? purpose : null, families,
                    fromDate, toDate, consent, caseRef, partnerRef, legalBasisId, code, field, message);
        }
    }
}
