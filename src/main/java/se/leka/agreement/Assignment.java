package se.leka.agreement;

import java.time.LocalDate;
import java.util.Objects;

import se.leka.format.OrgNumber;

/**
 * An agent (ombud) acting for a principal from {@code validFrom}. {@code endedOn} is the first day
 * the agent may no longer send or receive anything for that principal (null: still assigned).
 */
public record Assignment(long id, OrgNumber agent, OrgNumber principal, LocalDate validFrom, LocalDate endedOn) {

    public Assignment {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(validFrom, "validFrom");
    }

    public boolean isActiveOn(LocalDate day) {
        return !day.isBefore(validFrom) && (endedOn == null || day.isBefore(endedOn));
    }

    /** True when the assignment has ended on or before {@code day} (as opposed to not having started). */
    public boolean hasEndedBy(LocalDate day) {
        return endedOn != null && !day.isBefore(endedOn);
    }
}
