package se.leka.admin;

import java.time.LocalDateTime;

/** One row of the executions list. */
public record ExecutionSummary(long executionId, long instanceId, String jobName, String status, String exitCode,
                        LocalDateTime createTime, LocalDateTime startTime, LocalDateTime endTime, String partner,
                        String file) {

    public String durationText() {
        return Durations.between(startTime, endTime);
    }
}
