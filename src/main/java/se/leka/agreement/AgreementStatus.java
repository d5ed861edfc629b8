package se.leka.agreement;

/**
 * Where an agreement is in its lifecycle: the application (anmälan) is approved, the agreement is
 * sent for signature, becomes ACTIVE once both the party and FK have signed, a termination
 * (uppsägning) is notified with its effective date, and the agreement ENDS on that date.
 */
public enum AgreementStatus {
    APPLIED, APPROVED, SENT_FOR_SIGNATURE, ACTIVE, TERMINATION_NOTIFIED, ENDED
}
