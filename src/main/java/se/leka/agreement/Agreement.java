package se.leka.agreement;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;

/**
 * An agreement (avtal) or arrangement (överenskommelse) between FK and a party, with what it lets
 * the party receive: purposes (legal-basis purpose codes) and benefit families.
 *
 * <p>The lifecycle methods check the current status and refuse any step out of order with an
 * {@link IllegalAgreementTransitionException}; persisting the result is {@link Agreements}' job.
 */
public final class Agreement {

    private final String agreementId;
    private final OrgNumber party;
    private final ContractKind kind;
    private final DeliveryFrequency deliveryFrequency;
    private final LocalDate appliedOn;
    private final Set<String> purposes;
    private final Set<BenefitFamily> benefitFamilies;
    private final long version;
    private AgreementStatus status;
    private LocalDate approvedOn;
    private LocalDate sentForSignatureOn;
    private LocalDate partySignedOn;
    private LocalDate fkSignedOn;
    private LocalDate terminationReceivedOn;
    private LocalDate terminationEffectiveOn;
    private LocalDate endedOn;

    Agreement(String agreementId, OrgNumber party, ContractKind kind, AgreementStatus status,
              DeliveryFrequency deliveryFrequency, LocalDate appliedOn, LocalDate approvedOn,
              LocalDate sentForSignatureOn, LocalDate partySignedOn, LocalDate fkSignedOn,
              LocalDate terminationReceivedOn, LocalDate terminationEffectiveOn, LocalDate endedOn,
              Set<String> purposes, Set<BenefitFamily> benefitFamilies, long version) {
        this.agreementId = Objects.requireNonNull(agreementId, "agreementId");
        this.party = Objects.requireNonNull(party, "party");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = Objects.requireNonNull(status, "status");
        this.deliveryFrequency = Objects.requireNonNull(deliveryFrequency, "deliveryFrequency");
        this.appliedOn = Objects.requireNonNull(appliedOn, "appliedOn");
        this.approvedOn = approvedOn;
        this.sentForSignatureOn = sentForSignatureOn;
        this.partySignedOn = partySignedOn;
        this.fkSignedOn = fkSignedOn;
        this.terminationReceivedOn = terminationReceivedOn;
        this.terminationEffectiveOn = terminationEffectiveOn;
        this.endedOn = endedOn;
        this.purposes = Collections.unmodifiableSet(new TreeSet<>(purposes));
        this.benefitFamilies = Collections.unmodifiableSet(benefitFamilies.isEmpty()
                ? EnumSet.noneOf(BenefitFamily.class) : EnumSet.copyOf(benefitFamilies));
        this.version = version;
    }

    /** A new application (anmälan): status APPLIED. */
    static Agreement applied(String agreementId, Party party, DeliveryFrequency frequency, LocalDate appliedOn,
                             Set<String> purposes, Set<BenefitFamily> benefitFamilies) {
        if (!party.type().mayHoldAgreement()) {
            throw new IllegalAgreementTransitionException("Party " + party.orgNumber() + " is an agent (ombud); an agent acts"
                    + " under its principal's agreement and cannot apply for one of its own");
        }
        if (purposes.isEmpty() || benefitFamilies.isEmpty()) {
            throw new IllegalArgumentException("Agreement " + agreementId + " must name at least one purpose and one benefit family");
        }
        return new Agreement(agreementId, party.orgNumber(), party.type().contractKind(), AgreementStatus.APPLIED,
                frequency, appliedOn, null, null, null, null, null, null, null, purposes, benefitFamilies, 0);
    }

    void approve(LocalDate on) {
        require(AgreementStatus.APPLIED, "be approved");
        notBefore(on, appliedOn, "approval", "application");
        approvedOn = on;
        status = AgreementStatus.APPROVED;
    }

    void sendForSignature(LocalDate on) {
        require(AgreementStatus.APPROVED, "be sent for signature");
        notBefore(on, approvedOn, "sending for signature", "approval");
        sentForSignatureOn = on;
        status = AgreementStatus.SENT_FOR_SIGNATURE;
    }

    /** Records the party's signature; the agreement becomes ACTIVE when FK has signed too. */
    void recordPartySignature(LocalDate on) {
        require(AgreementStatus.SENT_FOR_SIGNATURE, "record the party's signature");
        if (partySignedOn != null) {
            throw new IllegalAgreementTransitionException("Agreement " + agreementId + " already has the party's signature of " + partySignedOn);
        }
        notBefore(on, sentForSignatureOn, "the party's signature", "sending for signature");
        partySignedOn = on;
        activateWhenBothSigned();
    }

    /** Records FK's signature; the agreement becomes ACTIVE when the party has signed too. */
    void recordFkSignature(LocalDate on) {
        require(AgreementStatus.SENT_FOR_SIGNATURE, "record FK's signature");
        if (fkSignedOn != null) {
            throw new IllegalAgreementTransitionException("Agreement " + agreementId + " already has FK's signature of " + fkSignedOn);
        }
        notBefore(on, sentForSignatureOn, "FK's signature", "sending for signature");
        fkSignedOn = on;
        activateWhenBothSigned();
    }

    private void activateWhenBothSigned() {
        if (partySignedOn != null && fkSignedOn != null) {
            status = AgreementStatus.ACTIVE;
        }
    }

    /** A termination (uppsägning) received on {@code receivedOn}, applying from {@code effectiveOn}. */
    void notifyTermination(LocalDate receivedOn, LocalDate effectiveOn) {
        require(AgreementStatus.ACTIVE, "be terminated");
        Objects.requireNonNull(effectiveOn, "effectiveOn");
        notBefore(receivedOn, sentForSignatureOn, "a termination", "sending for signature");
        if (effectiveOn.isBefore(receivedOn)) {
            throw new IllegalAgreementTransitionException("Termination of " + agreementId + " cannot apply from " + effectiveOn
                    + ", before it was received on " + receivedOn);
        }
        terminationReceivedOn = receivedOn;
        terminationEffectiveOn = effectiveOn;
        status = AgreementStatus.TERMINATION_NOTIFIED;
    }

    /** Ends the agreement on {@code on}, which must be on or after the termination's effective date. */
    void end(LocalDate on) {
        require(AgreementStatus.TERMINATION_NOTIFIED, "end");
        if (on.isBefore(terminationEffectiveOn)) {
            throw new IllegalAgreementTransitionException("Agreement " + agreementId + " is terminated from "
                    + terminationEffectiveOn + " and cannot end before that (asked for " + on + ")");
        }
        endedOn = on;
        status = AgreementStatus.ENDED;
    }

    private void require(AgreementStatus expected, String action) {
        if (status != expected) {
            throw new IllegalAgreementTransitionException("Agreement " + agreementId + " is " + status
                    + "; it must be " + expected + " to " + action);
        }
    }

    private void notBefore(LocalDate on, LocalDate earlier, String what, String earlierWhat) {
        Objects.requireNonNull(on, "date");
        if (earlier != null && on.isBefore(earlier)) {
            throw new IllegalAgreementTransitionException("Agreement " + agreementId + ": " + what + " on " + on
                    + " cannot come before the " + earlierWhat + " on " + earlier);
        }
    }

    /** The first day the agreement permits disclosure: the later of the two signatures, once both exist. */
    public LocalDate activeFrom() {
        if (partySignedOn == null || fkSignedOn == null) {
            return null;
        }
        return partySignedOn.isAfter(fkSignedOn) ? partySignedOn : fkSignedOn;
    }

    /** What the agreement permits on {@code day}. */
    public AgreementStanding standingOn(LocalDate day) {
        if (status == AgreementStatus.ENDED) {
            return AgreementStanding.ENDED;
        }
        if (status == AgreementStatus.TERMINATION_NOTIFIED && !day.isBefore(terminationEffectiveOn)) {
            return AgreementStanding.TERMINATED;
        }
        boolean signed = status == AgreementStatus.ACTIVE || status == AgreementStatus.TERMINATION_NOTIFIED;
        return signed && !day.isBefore(activeFrom()) ? AgreementStanding.ACTIVE : AgreementStanding.NOT_ACTIVE_YET;
    }

    public String agreementId() {
        return agreementId;
    }

    public OrgNumber party() {
        return party;
    }

    public ContractKind kind() {
        return kind;
    }

    public AgreementStatus status() {
        return status;
    }

    public DeliveryFrequency deliveryFrequency() {
        return deliveryFrequency;
    }

    public LocalDate appliedOn() {
        return appliedOn;
    }

    public LocalDate approvedOn() {
        return approvedOn;
    }

    public LocalDate sentForSignatureOn() {
        return sentForSignatureOn;
    }

    public LocalDate partySignedOn() {
        return partySignedOn;
    }

    public LocalDate fkSignedOn() {
        return fkSignedOn;
    }

    public LocalDate terminationReceivedOn() {
        return terminationReceivedOn;
    }

    public LocalDate terminationEffectiveOn() {
        return terminationEffectiveOn;
    }

    public LocalDate endedOn() {
        return endedOn;
    }

    /** Legal-basis purpose codes (SAM, RISK, …) the agreement allows. */
    public Set<String> purposes() {
        return purposes;
    }

    public Set<BenefitFamily> benefitFamilies() {
        return benefitFamilies;
    }

    long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Agreement[" + agreementId + ", " + party + ", " + status + "]";
    }
}
