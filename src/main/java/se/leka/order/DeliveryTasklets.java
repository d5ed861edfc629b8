package se.leka.order;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import se.leka.exchange.Mailbox;
import se.leka.exchange.OutboundFile;
import se.leka.exchange.Outboxes;
import se.leka.exchange.Receipts;
import se.leka.format.FileType;

/**
 * The request jobs' bookkeeping around their outputs: reserving the delivery's or answer's name
 * before anything is written into it, sending the receipt, and publishing the delivery or answer. Each is idempotent, so a
 * restart that runs one again changes nothing that was already done.
 */
final class DeliveryTasklets {

    /** Job execution-context key holding the reserved delivery file name. */
    static final String DELIVERY_FILE_NAME = "leka.order.deliveryFileName";
    /** Job execution-context key holding the number of person groups to deliver (the admin's progress total). */
    static final String TOTAL_ITEMS = "leka.totalItems";
    static final ExitStatus NOTHING_TO_DELIVER = new ExitStatus("NOTHING_TO_DELIVER");

    private DeliveryTasklets() {
    }

    /** Reserves the delivery (LEVE) or answer (SVAR) for the accepted N, H and Q lines, or says there is nothing to deliver. */
    static Tasklet prepare(OrderFiles files, Outboxes outboxes, long fileId, Mailbox mailbox) {
        return (StepContribution contribution, ChunkContext chunk) -> {
            long persons = files.countDeliverable(fileId);
            ExecutionContext jobContext = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
            jobContext.putLong(TOTAL_ITEMS, persons);
            if (persons == 0) {
                contribution.setExitStatus(NOTHING_TO_DELIVER);
                return RepeatStatus.FINISHED;
            }
            FileType output = OrderOutputs.outputType(files.find(fileId).orElseThrow().fileType());
            OutboundFile reserved = outboxes.reserve(mailbox, output, OrderOutputs.outputKey(fileId, output),
                    chunk.getStepContext().getStepExecution().getJobExecutionId());
            jobContext.putString(DELIVERY_FILE_NAME, reserved.fileName().toString());
            return RepeatStatus.FINISHED;
        };
    }

    static Tasklet receipt(OrderFiles files, Receipts receipts, long fileId, String sha256, Mailbox mailbox,
                           LocalDateTime receivedAt) {
        return (StepContribution contribution, ChunkContext chunk) -> {
            OrderFiles.OrderFile file = files.find(fileId).orElseThrow();
            receipts.send(mailbox, fileId, OrderReceipts.of(file, files.refusedLines(fileId), sha256, receivedAt),
                    chunk.getStepContext().getStepExecution().getJobExecutionId());
            return RepeatStatus.FINISHED;
        };
    }

    /**
     * Ends the file the deliver step wrote (start record and body) with its end record and moves it
     * into the outbox. Once moved, a restart finds it there (and the file in the work directory gone).
     */
    static Tasklet publish(OrderFiles files, Outboxes outboxes, long fileId, Mailbox mailbox, Path dataDir) {
        return (StepContribution contribution, ChunkContext chunk) -> {
            FileType output = OrderOutputs.outputType(files.find(fileId).orElseThrow().fileType());
            Path delivery = OrderOutputs.delivery(dataDir, fileId, output);
            OrderOutputs.refuseEarlierBody(dataDir, fileId, output);
            if (Files.exists(delivery)) {
                DeliveryFiles.finish(delivery);
            }
            outboxes.deliverFile(mailbox, output, OrderOutputs.outputKey(fileId, output),
                    chunk.getStepContext().getStepExecution().getJobExecutionId(), delivery);
            return RepeatStatus.FINISHED;
        };
    }
}
