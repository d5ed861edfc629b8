package se.leka.register;

import java.nio.file.Path;

/**
 * What became of one extract file handed to {@link RegisterImports}.
 *
 * @param extractId   from the start record; null when the start record could not be read
 * @param checksum    SHA-256 of the file, hex
 * @param errorReport the error report beside the archived extract, null when there were no errors
 * @param archivedAs  where the extract now lies, null when it stayed in place (FAILED, IN_PROGRESS)
 * @param message     one line for operators (never personal data)
 */
public record ImportOutcome(
        Result result,
        String extractId,
        String checksum,
        long stagedRows,
        long errorRows,
        long newFacts,
        long changedFacts,
        long endedFacts,
        long withdrawnFacts,
        Path errorReport,
        Path archivedAs,
        String message) {

    public enum Result {
        /** Merged into the register (a delta possibly without its invalid rows: see errorRows). */
        APPLIED,
        /** Refused as a whole (a snapshot with invalid rows, a broken start / end record, …); the register is unchanged. */
        REJECTED,
        /** The same file (checksum) or the same extract id was imported before; nothing changed. */
        ALREADY_IMPORTED,
        /** The import failed (see the job execution); the file stays where it is and a new attempt restarts it. */
        FAILED,
        /** An execution for this file is running (or crashed without being recovered): see ops/register-import.md. */
        IN_PROGRESS
    }
}
