package se.leka.agreement;

/** What an agreement permits on a given day, whatever the step its lifecycle is at. */
public enum AgreementStanding {
    /** Not signed by both yet, or signed with a date after the day asked about. */
    NOT_ACTIVE_YET,
    ACTIVE,
    /** A termination is effective on or before the day, but the expiry job has not ended it yet. */
    TERMINATED,
    ENDED
}
