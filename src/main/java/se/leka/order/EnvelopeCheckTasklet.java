package se.leka.order;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import se.leka.agreement.DisclosureDecisions;
import se.leka.agreement.DisclosurePolicy;
import se.leka.format.EndRecord;
import se.leka.format.FileEnvelopeException;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;

/**
 * First step of a request file: the whole-file checks — start and end record, a supported format
 * version, and the sender's standing (agent assignment, agreement in force on the file date). Exit
 * status {@code REJECTED} sends the job straight to the receipt; nothing of the file is applied.
 */
class EnvelopeCheckTasklet implements Tasklet {

    static final ExitStatus REJECTED = new ExitStatus("REJECTED");

    private final OrderFiles files;
    private final DisclosureDecisions decisions;
    private final long inboundFileId;
    private final Path file;
    private final String fileName;

    EnvelopeCheckTasklet(OrderFiles files, DisclosureDecisions decisions, long inboundFileId, Path file, String fileName) {
        this.files = files;
        this.decisions = decisions;
        this.inboundFileId = inboundFileId;
        this.file = file;
        this.fileName = fileName;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        String first = null;
        String last = null;
        try (BufferedReader reader = new BufferedReader(StrictCharset.reader(Files.newInputStream(file), StrictCharset.FILES))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (first == null) {
                    first = line;
                }
                if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        StartRecord start;
        try {
            start = StartRecord.parse(first);
        } catch (FileEnvelopeException e) {
            files.rejectUnread(inboundFileId, fileName, "????", "START_RECORD_INVALID", e.field(), e.getMessage());
            contribution.setExitStatus(REJECTED);
            return RepeatStatus.FINISHED;
        }
        EndRecord end;
        try {
            end = EndRecord.parse(last);
        } catch (FileEnvelopeException e) {
            files.start(inboundFileId, fileName, start, -1, start.agreementId());
            boolean missing = last == null || !last.startsWith("99");
            files.reject(inboundFileId, missing ? OrderErrorCode.END_RECORD_MISSING.name() : OrderErrorCode.END_RECORD_INVALID.name(),
                    missing ? "recordType" : e.field(), e.getMessage());
            contribution.setExitStatus(REJECTED);
            return RepeatStatus.FINISHED;
        }
        DisclosurePolicy policy = decisions.policyFor(start.party(), start.sentByAgent() ? start.sender() : null,
                start.agreementId(), start.created().toLocalDate());
        String agreementId = policy.agreement().map(a -> a.agreementId()).orElse(start.agreementId());
        files.start(inboundFileId, fileName, start, end.recordCount(), agreementId);
        if (OrderFormats.layout(start.fileType(), start.formatVersion()).isEmpty()) {
            files.reject(inboundFileId, OrderErrorCode.UNSUPPORTED_VERSION.name(), "formatVersion",
                    "format version " + String.format("%02d", start.formatVersion()) + " of " + start.fileType()
                            + " is not supported");
            contribution.setExitStatus(REJECTED);
            return RepeatStatus.FINISHED;
        }
        if (policy.partyLevelRefusal().isPresent()) {
            var refusal = policy.partyLevelRefusal().get();
            String field = refusal.reason().name().startsWith("AGREEMENT") || refusal.reason().name().equals("NO_AGREEMENT")
                    ? "agreementId" : "sender";
            files.reject(inboundFileId, refusal.reason().name(), field, refusal.message());
            contribution.setExitStatus(REJECTED);
        }
        return RepeatStatus.FINISHED;
    }
}
