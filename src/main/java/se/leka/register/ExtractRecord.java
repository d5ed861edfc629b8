package se.leka.register;

import java.time.LocalDateTime;

/** A row of {@code register_extract}: one extract file and what became of it. */
record ExtractRecord(String checksum, String extractId, String kind, String sourceSystem, LocalDateTime createdAt,
                     String fileName, Long declaredRows, long stagedRows, long errorRows, Status status,
                     String statusReason, long newFacts, long changedFacts, long endedFacts, long withdrawnFacts) {

    enum Status { STAGED, REJECTED, APPLIED }
}
