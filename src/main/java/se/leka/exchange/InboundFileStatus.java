package se.leka.exchange;

/** What became of an inbound file at intake. Documented in {@code jobs/intake/README.md}. */
public enum InboundFileStatus {
    /** Recorded and being checked (only seen while intake runs, or after a crash until recovery). */
    RECEIVED,
    /** Cannot be trusted (name, envelope, sender): kept in {@code quarantine/}, receipt REJECTED. */
    QUARANTINED,
    /** Well-formed but refused (agreement, sequence number): archived, receipt REJECTED. */
    REJECTED,
    /** The same bytes were already accepted from this sender: archived, not processed again. */
    DUPLICATE,
    /** Passed intake; being handed to its job. */
    ACCEPTED,
    /** Passed intake, but no job handles its file type yet: kept, routed when one exists. */
    AWAITING_JOB,
    /** Handed to its job ({@code job_execution_id}). */
    ROUTED,
    /** Superseded by a reprocessing of the same bytes (see {@code reprocess_of}). */
    REPROCESSED
}
