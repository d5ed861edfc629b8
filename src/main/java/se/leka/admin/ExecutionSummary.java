package se.leka.admin;

import java.time.Duration;
import java.time.LocalDateTime;

/** One row of the executions list. */
public record ExecutionSummary(long executionId, long instanceId, String jobName, String status, String exitCode,
                        LocalDateTime createTime, LocalDateTime startTime, LocalDateTime endTime, String partner,
                        String file) {

    public Duration duration() {
        if (startTime == null) {
            return null;
        }
        return Duration.between(startTime, endTime != null ? endTime : LocalDateTime.now());
    }

    public String durationText() {
        return Durations.text(duration());
    }
}
