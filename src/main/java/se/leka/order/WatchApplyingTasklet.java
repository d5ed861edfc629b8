package se.leka.order;

import java.sql.Date;
import java.util.function.IntConsumer;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies a file's accepted order lines to the watches, set-based, in the step's one transaction:
 * {@code N} starts a watch, {@code A} ends one (the row is kept), {@code H} leaves the watch as it is
 * (the delivery step sends the complete information). The lines were checked against each other and
 * against the watches before (check-file: no person and purpose twice, N only for an unwatched
 * person, A only for a watched one), so the order in which they are applied makes no difference,
 * and two statements do for the whole file instead of one round trip per chunk of lines. A restart
 * after a failure applies again: nothing of the failed run was committed. A restart after apply
 * committed but before its step was recorded as completed (a crash in between) finds the hold
 * released and applies nothing. A watch remembers the file and line it came from, which the
 * database keeps unique, so a line can never start two watches. (The
 * lines are not sorted for the INSERT: a million-row sort was a sixth of the step, and nothing
 * reads meaning into the order of watch ids.)
 *
 * <p>Apply runs beside the deliver step, which reads the complete information meanwhile; the file
 * has held the partner's notifications back since before that ({@link OrderFiles#hold}). The new
 * watches' changes begin after the position the hold was set at, and the hold is released in this
 * transaction: the watches become visible to the daily run at the moment the hold ends.
 */
class WatchApplyingTasklet implements Tasklet {

    private final JdbcClient jdbc;
    private final OrderFiles files;
    private final OrderFiles.OrderFile file;
    /** Null in production; a test's hook, called with every accepted line before anything is applied. */
    private final IntConsumer checkpoint;

    WatchApplyingTasklet(JdbcClient jdbc, OrderFiles files, OrderFiles.OrderFile file, IntConsumer checkpoint) {
        this.jdbc = jdbc;
        this.files = files;
        this.file = file;
        this.checkpoint = checkpoint;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long fileId = file.inboundFileId();
        if (checkpoint != null) {
            jdbc.sql("SELECT line_number FROM order_line WHERE inbound_file_id = ? AND status = 'ACCEPTED' ORDER BY line_number")
                    .param(fileId).query(Integer.class).list().forEach(checkpoint::accept);
        }
        Date on = Date.valueOf(file.fileDate());
        long changesAfterSequence = files.changesAfterSequence(fileId);
        if (!files.releaseHold(fileId)) {
            return RepeatStatus.FINISHED; // applied and committed by an earlier run, whose end was not recorded
        }
        int started = jdbc.sql("""
                INSERT INTO watch (party_org, agent_org, agreement_id, personnummer, purpose_code, legal_basis_id,
                                   benefit_families, from_date, consent_reference, case_reference, partner_reference,
                                   source_file_id, source_line, started_on, changes_after_seq)
                SELECT ?, ?, ?, personnummer, purpose_code, legal_basis_id, benefit_families, from_date, consent_reference,
                       case_reference, partner_reference, inbound_file_id, line_number, ?, ?
                FROM order_line WHERE inbound_file_id = ? AND status = 'ACCEPTED' AND action = 'N'""")
                .params(file.partyOrg(), file.agentOrg(), file.agreementId(), on, changesAfterSequence, fileId)
                .update();
        if (!jdbc.sql("SELECT 1 FROM order_line WHERE inbound_file_id = ? AND status = 'ACCEPTED' AND action = 'A' "
                        + "FETCH FIRST 1 ROWS ONLY").param(fileId).query(Integer.class).optional().isPresent()) {
            // Without cancels, the UPDATE below would still compare every active watch of the party.
            contribution.incrementWriteCount(started);
            return RepeatStatus.FINISHED;
        }
        int ended = jdbc.sql("""
                UPDATE watch SET ended_on = ?, end_reason = 'cancelled by order', ended_by_file_id = ?
                WHERE party_org = ? AND ended_on IS NULL AND EXISTS (
                    SELECT 1 FROM order_line o WHERE o.inbound_file_id = ? AND o.status = 'ACCEPTED' AND o.action = 'A'
                        AND o.personnummer = watch.personnummer AND o.purpose_code = watch.purpose_code)""")
                .params(on, fileId, file.partyOrg(), fileId)
                .update();
        contribution.incrementWriteCount(started + ended);
        return RepeatStatus.FINISHED;
    }
}
