package se.leka.exchange;

/** Where an outbound file is in its delivery ({@code outbound_file.status}); see {@link Outboxes#deliver}. */
public enum OutboundFileStatus {
    /** Recorded (its name fixed), its content being written. */
    WRITING,
    /** Written under {@code .part}, checksum recorded; not yet renamed into the outbox. */
    WRITTEN,
    /** Renamed into the outbox: the partner may fetch it. */
    DELIVERED,
    /** Removed from the outbox by the retention purge, not fetched in time. */
    PURGED
}
