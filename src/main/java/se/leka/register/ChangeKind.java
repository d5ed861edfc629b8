package se.leka.register;

/** What an extract did to a fact; one change-log entry per fact and extract. */
public enum ChangeKind {
    /** The fact was not in the register before. */
    NEW,
    /** Fields of the fact changed (see {@link ChangeLogEntry#changedFields()}). */
    CHANGED,
    /** The fact's status became ENDED, or a snapshot no longer holds a fact whose period had begun. */
    ENDED,
    /** The fact's status became WITHDRAWN, or a snapshot no longer holds a fact whose period had not begun. */
    WITHDRAWN
}
