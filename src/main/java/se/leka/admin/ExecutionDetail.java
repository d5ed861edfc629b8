package se.leka.admin;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.batch.core.BatchStatus;

/**
 * Everything the execution page shows: identity, parameters, times, exit, steps, progress and who
 * owns it.
 *
 * @param totalItems the job's own total ({@value ExecutionQueries#TOTAL_ITEMS_KEY} in the job
 *                   execution context), or null when the job does not know it
 */
public record ExecutionDetail(long executionId, long instanceId, String jobName, BatchStatus status, String exitCode,
                       String exitDescription, LocalDateTime createTime, LocalDateTime startTime,
                       LocalDateTime endTime, LocalDateTime lastUpdated, List<Parameter> parameters, List<Step> steps,
                       long itemsDone, Long totalItems, Instances.Owner owner) {

    public record Parameter(String name, String type, String value, boolean identifying) {
    }

    public record Step(long id, String name, String status, String exitCode, LocalDateTime startTime, LocalDateTime endTime,
                long readCount, long writeCount, long filterCount, long skipCount, long commitCount,
                long rollbackCount) {

        public String durationText() {
            return Durations.between(startTime, endTime);
        }
    }

    public boolean running() {
        return status.isRunning();
    }

    public boolean restartable() {
        return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
    }

    public boolean abandonable() {
        return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
    }

    public boolean stoppable() {
        return status == BatchStatus.STARTED || status == BatchStatus.STARTING;
    }

    /** Running (recovered once its owner is dead) or UNKNOWN (Spring Batch could not record how it ended). */
    public boolean recoverable() {
        return status == BatchStatus.STARTED || status == BatchStatus.STARTING || status == BatchStatus.STOPPING
                || status == BatchStatus.UNKNOWN;
    }

    public String durationText() {
        return Durations.between(startTime, endTime);
    }

    /** Percentage done, 0–100, or null when the total is unknown. */
    public Integer percentDone() {
        if (totalItems == null || totalItems <= 0) {
            return null;
        }
        return (int) Math.min(100, itemsDone * 100 / totalItems);
    }
}
