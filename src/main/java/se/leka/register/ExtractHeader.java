package se.leka.register;

import java.time.LocalDateTime;

/** The start record (00) of an extract. */
record ExtractHeader(String extractId, Kind kind, String sourceSystem, LocalDateTime createdAt) {

    enum Kind { SNAPSHOT, DELTA }
}
