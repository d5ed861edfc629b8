package se.leka.admin;

import org.springframework.stereotype.Service;

import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;
import se.leka.exchange.InboundFile;
import se.leka.exchange.InboundFiles;

/** What operators do to files: reprocess a quarantined or rejected inbound file, recorded in the operator action log. */
@Service
class FileActions {

    static final String TARGET_INBOUND_FILE = "INBOUND_FILE";

    /**
     * The outcome of a reprocessing: done (with the new inbound file, and its job execution when it
     * was handed to its job) or refused (with the reason).
     */
    public record Result(boolean done, Long inboundFileId, Long executionId, String message) {
    }

    private final InboundFiles inboundFiles;
    private final OperatorActionLog actionLog;

    FileActions(InboundFiles inboundFiles, OperatorActionLog actionLog) {
        this.inboundFiles = inboundFiles;
        this.actionLog = actionLog;
    }

    /**
     * Takes a QUARANTINED or REJECTED file through intake again from its kept bytes, after the cause
     * was corrected; the file gets a new inbound file id and its own receipt.
     */
    Result reprocess(long id, String actor) {
        InboundFile old = inboundFiles.find(id).orElse(null);
        Result result;
        String detail = null;
        if (old == null) {
            result = new Result(false, null, null, "inbound file " + id + " does not exist");
        } else {
            detail = old.fileName() + " from " + old.mailbox() + ", " + old.status()
                    + (old.errorCode() != null ? " " + old.errorCode() : "");
            try {
                long newId = inboundFiles.reprocess(id);
                InboundFile again = inboundFiles.find(newId).orElseThrow();
                result = new Result(true, newId, again.jobExecutionId(), "reprocessed as inbound file " + newId + ": "
                        + again.status() + (again.errorCode() != null ? " (" + again.errorCode() + ": " + again.errorMessage() + ")" : "")
                        + (again.jobExecutionId() != null ? ", job execution " + again.jobExecutionId() : ""));
            } catch (IllegalArgumentException | IllegalStateException e) {
                result = new Result(false, null, null, e.getMessage());
            }
        }
        actionLog.record(actor, "REPROCESS", TARGET_INBOUND_FILE, Long.toString(id), detail,
                result.done() ? OperatorAction.DONE : OperatorAction.REFUSED, result.message());
        return result;
    }
}
