package se.leka.audit;

import java.time.LocalDateTime;

/**
 * One entry of the operator action log: who did what, when, to which target, and whether it was
 * done or refused (and why).
 *
 * @param targetType what was acted on: {@code JOB_EXECUTION}, {@code JOB}, {@code AGREEMENT}, {@code ASSIGNMENT}, …
 * @param outcome    {@code DONE} or {@code REFUSED}
 */
public record OperatorAction(long id, LocalDateTime actedAt, String actor, String action, String targetType,
                             String targetId, String detail, String outcome, String message) {

    public static final String DONE = "DONE";
    public static final String REFUSED = "REFUSED";
}
