package se.leka.agreement;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;
import se.leka.format.OrgNumber;

/**
 * What the {@code agreement-expiry} job does, in three idempotent parts. Each change is first
 * recorded once in {@code agreement_expiry} (in the transaction that makes it), then its event is
 * published, logged in the operator action log and marked propagated. A crash between the two
 * leaves the record unpropagated, and the next run (or the restart) publishes it again: listeners
 * are idempotent, so nothing is done twice and nothing is forgotten.
 */
@Component
class AgreementExpiry {

    static final String ACTOR = "agreement-expiry";
    static final String FINAL_NOTICE = "FINAL_NOTICE";
    static final String AGREEMENT_ENDED = "AGREEMENT_ENDED";
    static final String ASSIGNMENT_ENDED = "ASSIGNMENT_ENDED";
    private static final Logger log = LoggerFactory.getLogger(AgreementExpiry.class);

    private final AgreementStore store;
    private final Agreements agreements;
    private final ApplicationEventPublisher events;
    private final OperatorActionLog actions;
    private final TransactionTemplate tx;

    AgreementExpiry(AgreementStore store, Agreements agreements, ApplicationEventPublisher events, OperatorActionLog actions,
                    TransactionTemplate tx) {
        this.store = store;
        this.agreements = agreements;
        this.events = events;
        this.actions = actions;
        this.tx = tx;
    }

    /**
     * Agreements whose last day of access is {@code runDate} or earlier and that are not ended yet:
     * the partner gets the final notice while it can still fetch it.
     */
    int finalNotices(LocalDate runDate, long jobExecutionId) {
        for (Agreement a : store.allAgreements()) {
            if (a.status() == AgreementStatus.TERMINATION_NOTIFIED && !a.terminationEffectiveOn().isAfter(runDate.plusDays(1))) {
                store.recordExpiry(FINAL_NOTICE, a.agreementId(), a.party(), a.terminationEffectiveOn(), runDate, jobExecutionId);
            }
        }
        int n = 0;
        for (String[] pending : store.unpropagatedExpiries(FINAL_NOTICE)) {
            LocalDate effective = LocalDate.parse(pending[2]);
            events.publishEvent(new AgreementEnding(pending[0], OrgNumber.parse(pending[1]), effective.minusDays(1), effective,
                    jobExecutionId));
            propagated(FINAL_NOTICE, pending[0], "FINAL_NOTICE", "AGREEMENT", "last day of access " + effective.minusDays(1),
                    runDate, jobExecutionId);
            n++;
        }
        return n;
    }

    /**
     * Ends every agreement whose termination is effective on or before {@code runDate} (as of its
     * effective date), with the assignments of agents to that party, and tells the other rooms.
     * Agreements an operator ended by hand are told about too.
     */
    int endAgreements(LocalDate runDate, long jobExecutionId) {
        for (Agreement a : store.allAgreements()) {
            if (a.status() == AgreementStatus.TERMINATION_NOTIFIED && !a.terminationEffectiveOn().isAfter(runDate)) {
                tx.executeWithoutResult(status -> end(a.agreementId(), runDate, jobExecutionId));
            } else if (a.status() == AgreementStatus.ENDED && !store.expiryRecorded(AGREEMENT_ENDED, a.agreementId())) {
                LocalDate endedOn = a.terminationEffectiveOn() != null ? a.terminationEffectiveOn() : a.endedOn();
                store.recordExpiry(AGREEMENT_ENDED, a.agreementId(), a.party(), endedOn, runDate, jobExecutionId);
            }
        }
        int n = 0;
        for (String[] pending : store.unpropagatedExpiries(AGREEMENT_ENDED)) {
            LocalDate endedOn = LocalDate.parse(pending[2]);
            events.publishEvent(new AgreementEnded(pending[0], OrgNumber.parse(pending[1]), endedOn, jobExecutionId));
            propagated(AGREEMENT_ENDED, pending[0], "END_AGREEMENT", "AGREEMENT", "ended from " + endedOn, runDate, jobExecutionId);
            n++;
        }
        return n;
    }

    /** In one transaction (the caller's): the agreement, its party's assignments and the record. */
    private void end(String agreementId, LocalDate runDate, long jobExecutionId) {
        Agreement agreement = store.findAgreement(agreementId).orElseThrow();
        if (agreement.status() != AgreementStatus.TERMINATION_NOTIFIED) {
            return; // ended meanwhile
        }
        LocalDate effective = agreement.terminationEffectiveOn();
        agreements.end(agreementId, effective);
        for (Assignment assignment : store.assignmentsOfPrincipal(agreement.party())) {
            if (assignment.endedOn() == null) {
                LocalDate endedOn = assignment.validFrom().isAfter(effective) ? assignment.validFrom() : effective;
                store.endAssignment(assignment.id(), endedOn);
            }
        }
        store.recordExpiry(AGREEMENT_ENDED, agreementId, agreement.party(), effective, runDate, jobExecutionId);
        log.info("Agreement {} of {} ended from {}", agreementId, agreement.party(), effective);
    }

    /** Assignments whose end date has arrived: recorded and announced once each. */
    int endAssignments(LocalDate runDate, long jobExecutionId) {
        for (Assignment a : store.assignmentsEndedBy(runDate)) {
            store.recordExpiry(ASSIGNMENT_ENDED, Long.toString(a.id()), a.principal(), a.endedOn(), runDate, jobExecutionId);
        }
        int n = 0;
        for (String[] pending : store.unpropagatedExpiries(ASSIGNMENT_ENDED)) {
            Assignment a = store.findAssignment(Long.parseLong(pending[0])).orElseThrow();
            events.publishEvent(new AssignmentEnded(a.id(), a.agent(), a.principal(), a.endedOn(), jobExecutionId));
            propagated(ASSIGNMENT_ENDED, pending[0], "END_ASSIGNMENT", "ASSIGNMENT",
                    "agent " + a.agent().value() + " for " + a.principal().value() + " ended from " + a.endedOn(), runDate, jobExecutionId);
            n++;
        }
        return n;
    }

    private void propagated(String kind, String targetId, String action, String targetType, String detail, LocalDate runDate,
                            long jobExecutionId) {
        actions.record(ACTOR, action, targetType, targetId, detail + "; run date " + runDate + ", job execution " + jobExecutionId,
                OperatorAction.DONE, null);
        store.markExpiryPropagated(kind, targetId);
    }

    List<String[]> pending(String kind) {
        return store.unpropagatedExpiries(kind);
    }
}
