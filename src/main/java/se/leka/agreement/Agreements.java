package se.leka.agreement;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;

/**
 * The agreement lifecycle as operators drive it: application, approval, signatures, termination
 * and end. Every step is checked by {@link Agreement}, saved with optimistic locking, and kept as an
 * {@link AgreementEvent} for auditors.
 */
@Service
public class Agreements {

    private final AgreementStore store;
    private final ApplicationEventPublisher events;

    Agreements(AgreementStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    /** Records an application (anmälan) from a registered party; the agreement starts as APPLIED. */
    @Transactional
    public Agreement apply(String agreementId, OrgNumber partyNumber, DeliveryFrequency frequency, LocalDate appliedOn,
                           Set<String> purposes, Set<BenefitFamily> benefitFamilies) {
        Party party = store.findParty(partyNumber)
                .orElseThrow(() -> new IllegalArgumentException("Party " + partyNumber + " is not registered"));
        if (store.findAgreement(agreementId).isPresent()) {
            throw new IllegalArgumentException("Agreement " + agreementId + " already exists");
        }
        Set<String> knownPurposes = new HashSet<>();
        store.legalBases().stream().filter(b -> b.partyType() == party.type()).forEach(b -> knownPurposes.add(b.purposeCode()));
        if (!knownPurposes.containsAll(purposes)) {
            throw new IllegalArgumentException("Agreement " + agreementId + " names purposes " + purposes + " but a "
                    + party.type() + " may only have " + new TreeSet<>(knownPurposes));
        }
        Agreement agreement = Agreement.applied(agreementId, party, frequency, appliedOn, purposes, benefitFamilies);
        store.insertAgreement(agreement);
        store.insertEvent(agreementId, "APPLIED", null, AgreementStatus.APPLIED, appliedOn);
        return agreement;
    }

    @Transactional
    public Agreement approve(String agreementId, LocalDate on) {
        return step(agreementId, "APPROVED", on, a -> a.approve(on));
    }

    @Transactional
    public Agreement sendForSignature(String agreementId, LocalDate on) {
        return step(agreementId, "SENT_FOR_SIGNATURE", on, a -> a.sendForSignature(on));
    }

    @Transactional
    public Agreement recordPartySignature(String agreementId, LocalDate on) {
        return step(agreementId, "PARTY_SIGNED", on, a -> a.recordPartySignature(on));
    }

    @Transactional
    public Agreement recordFkSignature(String agreementId, LocalDate on) {
        return step(agreementId, "FK_SIGNED", on, a -> a.recordFkSignature(on));
    }

    /**
     * Registers a termination (uppsägning) received on {@code receivedOn} that applies from
     * {@code effectiveOn}, and publishes {@link AgreementTerminationNotified}.
     */
    @Transactional
    public Agreement notifyTermination(String agreementId, LocalDate receivedOn, LocalDate effectiveOn) {
        Agreement agreement = step(agreementId, "TERMINATION_NOTIFIED", receivedOn, a -> a.notifyTermination(receivedOn, effectiveOn));
        events.publishEvent(new AgreementTerminationNotified(agreementId, agreement.party(), receivedOn, effectiveOn));
        return agreement;
    }

    @Transactional
    public Agreement end(String agreementId, LocalDate on) {
        return step(agreementId, "ENDED", on, a -> a.end(on));
    }

    private Agreement step(String agreementId, String event, LocalDate on, Consumer<Agreement> transition) {
        Agreement agreement = store.findAgreement(agreementId)
                .orElseThrow(() -> new IllegalArgumentException("Agreement " + agreementId + " does not exist"));
        AgreementStatus before = agreement.status();
        transition.accept(agreement);
        store.updateLifecycle(agreement);
        store.insertEvent(agreementId, event, before, agreement.status(), on);
        return store.findAgreement(agreementId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<Agreement> find(String agreementId) {
        return store.findAgreement(agreementId);
    }

    @Transactional(readOnly = true)
    public List<Agreement> of(OrgNumber party) {
        return store.agreementsOf(party);
    }

    @Transactional(readOnly = true)
    public List<Agreement> all() {
        return store.allAgreements();
    }

    @Transactional(readOnly = true)
    public List<AgreementEvent> history(String agreementId) {
        return store.events(agreementId);
    }

    /** The party's agreement that permits disclosure on {@code day}, if any. */
    @Transactional(readOnly = true)
    public Optional<Agreement> activeOn(OrgNumber party, LocalDate day) {
        return store.agreementsOf(party).stream().filter(a -> a.standingOn(day) == AgreementStanding.ACTIVE).findFirst();
    }
}
