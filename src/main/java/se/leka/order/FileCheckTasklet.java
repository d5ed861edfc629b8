package se.leka.order;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import se.leka.format.FileType;

/**
 * After every line is checked and stored: the checks that need the whole file (record count,
 * duplicates, and for an order file the existing watches) and the verdict. Everything here is set-based SQL in the step's one
 * transaction, so a restart simply does it again.
 */
class FileCheckTasklet implements Tasklet {

    private final OrderFiles files;
    private final long inboundFileId;
    private final int maxRefusedPercent;

    FileCheckTasklet(OrderFiles files, long inboundFileId, int maxRefusedPercent) {
        this.files = files;
        this.inboundFileId = inboundFileId;
        this.maxRefusedPercent = maxRefusedPercent;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        OrderFiles.OrderFile file = files.find(inboundFileId).orElseThrow();
        files.analyzeLines();
        long lines = files.countLines(inboundFileId, null);
        if (file.declaredCount() != lines) {
            files.conclude(inboundFileId, lines, 0, 0, "REJECTED");
            files.reject(inboundFileId, OrderErrorCode.RECORD_COUNT_MISMATCH.name(), "recordCount",
                    "the end record says " + file.declaredCount() + " detail records, the file has " + lines);
            contribution.setExitStatus(EnvelopeCheckTasklet.REJECTED);
            return RepeatStatus.FINISHED;
        }
        files.refuseDuplicates(inboundFileId);
        if (FileType.BEST.code().equals(file.fileType())) {
            files.refuseAgainstWatches(inboundFileId, file.partyOrg());
        }
        long accepted = files.countLines(inboundFileId, "ACCEPTED");
        long refused = lines - accepted;
        if (refused > 0 && refused * 100 > (long) maxRefusedPercent * lines) {
            files.conclude(inboundFileId, lines, 0, refused, "REJECTED");
            files.reject(inboundFileId, OrderErrorCode.TOO_MANY_REFUSED.name(), null,
                    refused + " of " + lines + " records refused, more than the limit of " + maxRefusedPercent + " %");
            contribution.setExitStatus(EnvelopeCheckTasklet.REJECTED);
            return RepeatStatus.FINISHED;
        }
        files.conclude(inboundFileId, lines, accepted, refused, refused == 0 ? "ACCEPTED" : "PARTIALLY_ACCEPTED");
        return RepeatStatus.FINISHED;
    }
}
