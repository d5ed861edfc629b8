package se.leka.agreement;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.format.OrgNumber;

/** Agents' (ombud) assignments for their principals. */
@Service
public class Assignments {

    private final AgreementStore store;

    Assignments(AgreementStore store) {
        this.store = store;
    }

    /** The agent starts acting for the principal on {@code validFrom}. */
    @Transactional
    public Assignment assign(OrgNumber agent, OrgNumber principal, LocalDate validFrom) {
        Party agentParty = store.findParty(agent)
                .orElseThrow(() -> new IllegalArgumentException("Agent " + agent + " is not registered"));
        if (agentParty.type() != PartyType.AGENT) {
            throw new IllegalArgumentException("Party " + agent + " is a " + agentParty.type() + ", not an agent (ombud)");
        }
        Party principalParty = store.findParty(principal)
                .orElseThrow(() -> new IllegalArgumentException("Principal " + principal + " is not registered"));
        if (!principalParty.type().mayHoldAgreement()) {
            throw new IllegalArgumentException("Principal " + principal + " is itself an agent");
        }
        if (store.assignmentsOfAgent(agent).stream()
                .anyMatch(a -> a.principal().equals(principal) && (a.endedOn() == null || a.endedOn().isAfter(validFrom)))) {
            throw new IllegalArgumentException("Agent " + agent + " already has an assignment for " + principal
                    + " that is in force on " + validFrom);
        }
        long id = store.insertAssignment(agent, principal, validFrom);
        return store.findAssignment(id).orElseThrow();
    }

    /**
     * Ends an assignment: from {@code endedOn} the agent may no longer send or receive anything for
     * that principal (the written notice of the end has been received).
     */
    @Transactional
    public Assignment end(long assignmentId, LocalDate endedOn) {
        Assignment assignment = store.findAssignment(assignmentId)
                .orElseThrow(() -> new IllegalArgumentException("Assignment " + assignmentId + " does not exist"));
        if (assignment.endedOn() != null) {
            throw new IllegalArgumentException("Assignment " + assignmentId + " already ended on " + assignment.endedOn());
        }
        if (endedOn.isBefore(assignment.validFrom())) {
            throw new IllegalArgumentException("Assignment " + assignmentId + " cannot end on " + endedOn
                    + ", before it started on " + assignment.validFrom());
        }
        store.endAssignment(assignmentId, endedOn);
        return store.findAssignment(assignmentId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Assignment> ofAgent(OrgNumber agent) {
        return store.assignmentsOfAgent(agent);
    }

    @Transactional(readOnly = true)
    public List<Assignment> ofPrincipal(OrgNumber principal) {
        return store.assignmentsOfPrincipal(principal);
    }

    /** The principals the agent may act for on {@code day}. */
    @Transactional(readOnly = true)
    public List<OrgNumber> principalsOn(OrgNumber agent, LocalDate day) {
        return store.assignmentsOfAgent(agent).stream().filter(a -> a.isActiveOn(day)).map(Assignment::principal).toList();
    }
}
