package se.leka.admin;

import java.time.LocalDate;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;

import se.leka.agreement.Agreement;
import se.leka.agreement.Agreements;
import se.leka.agreement.Assignment;
import se.leka.agreement.Assignments;
import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;
import se.leka.format.OrgNumber;

/**
 * Operators' steps on agreements and agents' assignments, through the agreement room's lifecycle
 * API (which refuses any step out of order), each recorded in the operator action log.
 */
@Service
class PartnerActions {

    static final String TARGET_AGREEMENT = "AGREEMENT";
    static final String TARGET_ASSIGNMENT = "ASSIGNMENT";

    /** The agreement lifecycle steps the admin offers, by the name used in URLs. */
    enum AgreementStep {
        APPROVE, SEND_FOR_SIGNATURE, PARTY_SIGNATURE, FK_SIGNATURE, TERMINATION, END
    }

    private final Agreements agreements;
    private final Assignments assignments;
    private final OperatorActionLog actionLog;

    PartnerActions(Agreements agreements, Assignments assignments, OperatorActionLog actionLog) {
        this.agreements = agreements;
        this.assignments = assignments;
        this.actionLog = actionLog;
    }

    /**
     * One lifecycle step. {@code on} is the day it happened (for a termination: the day it was
     * received); {@code effectiveOn} is a termination's effective date and ignored otherwise.
     */
    ExecutionActions.Result agreementStep(String agreementId, AgreementStep step, LocalDate on, LocalDate effectiveOn,
                                          String actor) {
        String detail = step + " on " + on + (step == AgreementStep.TERMINATION ? ", effective " + effectiveOn : "");
        return recorded(actor, "AGREEMENT_" + step, TARGET_AGREEMENT, agreementId, detail, () -> {
            require(on, "the date");
            Agreement result = switch (step) {
                case APPROVE -> agreements.approve(agreementId, on);
                case SEND_FOR_SIGNATURE -> agreements.sendForSignature(agreementId, on);
                case PARTY_SIGNATURE -> agreements.recordPartySignature(agreementId, on);
                case FK_SIGNATURE -> agreements.recordFkSignature(agreementId, on);
                case TERMINATION -> agreements.notifyTermination(agreementId, on, require(effectiveOn, "the effective date"));
                case END -> agreements.end(agreementId, on);
            };
            return "agreement " + agreementId + " is now " + result.status();
        });
    }

    ExecutionActions.Result assign(String agent, String principal, LocalDate validFrom, String actor) {
        return recorded(actor, "ASSIGNMENT_ADD", TARGET_ASSIGNMENT, agent + "->" + principal, "valid from " + validFrom, () -> {
            Assignment a = assignments.assign(OrgNumber.parse(agent), OrgNumber.parse(principal), require(validFrom, "the start date"));
            return "assignment " + a.id() + ": " + a.agent() + " acts for " + a.principal() + " from " + a.validFrom();
        });
    }

    ExecutionActions.Result endAssignment(long assignmentId, LocalDate endedOn, String actor) {
        return recorded(actor, "ASSIGNMENT_END", TARGET_ASSIGNMENT, Long.toString(assignmentId), "ended on " + endedOn, () -> {
            Assignment a = assignments.end(assignmentId, require(endedOn, "the end date"));
            return "assignment " + a.id() + " ends on " + a.endedOn();
        });
    }

    private ExecutionActions.Result recorded(String actor, String action, String targetType, String targetId, String detail,
                                             Supplier<String> body) {
        ExecutionActions.Result result;
        try {
            result = new ExecutionActions.Result(true, null, body.get());
        } catch (RuntimeException e) {
            // The lifecycle API's refusals (IllegalAgreementTransitionException, IllegalArgumentException) say what is wrong.
            result = new ExecutionActions.Result(false, null, e.getMessage());
        }
        actionLog.record(actor, action, targetType, targetId, detail, result.done() ? OperatorAction.DONE : OperatorAction.REFUSED,
                result.message());
        return result;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("give " + what);
        }
        return value;
    }
}
