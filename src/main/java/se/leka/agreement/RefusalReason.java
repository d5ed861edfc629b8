package se.leka.agreement;

/**
 * Why a disclosure is refused. The names are stable codes: receipts, error reports and the admin
 * show them, and partners program against them, so a name is never changed or reused.
 */
public enum RefusalReason {
    UNKNOWN_PARTY("the recipient is not a registered party"),
    UNKNOWN_AGENT("the sender acting for the principal is not a registered agent (ombud)"),
    NO_ASSIGNMENT("the agent has no assignment for this principal on this date"),
    ASSIGNMENT_ENDED("the agent's assignment for this principal has ended"),
    NO_AGREEMENT("the party has no agreement"),
    AGREEMENT_NOT_FOUND("the named agreement does not exist or belongs to another party"),
    AGREEMENT_NOT_ACTIVE("the agreement is not active yet (both signatures are needed)"),
    AGREEMENT_TERMINATED("the agreement is terminated from a date on or before this one"),
    AGREEMENT_ENDED("the agreement has ended"),
    UNKNOWN_PURPOSE("the purpose code is not in the legal-basis catalogue on this date"),
    PURPOSE_NOT_FOR_PARTY_TYPE("no legal basis allows this purpose for this kind of party"),
    PURPOSE_NOT_IN_AGREEMENT("the agreement does not include this purpose"),
    NO_BENEFITS_REQUESTED("no benefit family was asked for"),
    BENEFIT_NOT_IN_AGREEMENT("the agreement does not include every benefit family asked for"),
    CONSENT_MISSING("the purpose requires the individual's consent and no consent reference was given"),
    CASE_REFERENCE_MISSING("the legal basis requires an open case (ärende) and no case reference was given");

    private final String description;

    RefusalReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** True for reasons that concern the sender or agreement as a whole rather than one record. */
    public boolean isPartyLevel() {
        return ordinal() <= AGREEMENT_ENDED.ordinal();
    }
}
