package se.leka.agreement;

import java.time.LocalDate;

import se.leka.format.OrgNumber;

/**
 * Published by the {@code agreement-expiry} job when an agent's (ombud's) assignment has reached
 * its end date: from {@code endedOn} the agent sees nothing of that principal.
 */
public record AssignmentEnded(long assignmentId, OrgNumber agent, OrgNumber principal, LocalDate endedOn,
                              long jobExecutionId) {
}
