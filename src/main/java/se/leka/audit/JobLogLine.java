package se.leka.audit;

import java.time.LocalDateTime;

/** One captured log line of a job execution. */
public record JobLogLine(long id, long jobExecutionId, LocalDateTime loggedAt, String level, String logger,
                         String thread, String message) {

    /** The line as it appears in the downloadable text log. */
    public String asText() {
        return loggedAt + " " + String.format("%-5s", level) + " [" + thread + "] " + logger + " - " + message;
    }
}
