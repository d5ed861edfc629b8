package se.leka.order;

import java.sql.Date;
import java.time.LocalDate;
import java.util.function.IntConsumer;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Applies accepted order lines to the watches in the chunk's transaction: {@code N} starts a watch,
 * {@code A} ends one (the row is kept), {@code H} leaves the watch as it is (the delivery step sends
 * the complete information). A watch remembers the file and line it came from, which the database
 * keeps unique, so a line can never start two watches.
 */
class WatchApplyingWriter implements ItemWriter<CheckedOrderLine> {

    private final JdbcTemplate jdbc;
    private final OrderFiles.OrderFile file;
    private final IntConsumer checkpoint;
    private final long changesAfterSequence;

    /**
     * @param changesAfterSequence the register change log's latest sequence before the complete
     *                             information is read: a new watch's changes are those after it
     */
    WatchApplyingWriter(JdbcTemplate jdbc, OrderFiles.OrderFile file, IntConsumer checkpoint, long changesAfterSequence) {
        this.jdbc = jdbc;
        this.file = file;
        this.checkpoint = checkpoint;
        this.changesAfterSequence = changesAfterSequence;
    }

    @Override
    public void write(Chunk<? extends CheckedOrderLine> lines) {
        LocalDate on = file.fileDate();
        lines.getItems().forEach(l -> checkpoint.accept(l.lineNumber()));
        jdbc.batchUpdate("""
                INSERT INTO watch (party_org, agent_org, agreement_id, personnummer, purpose_code, legal_basis_id,
                                   benefit_families, from_date, consent_reference, case_reference, partner_reference,
                                   source_file_id, source_line, started_on, changes_after_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                lines.getItems().stream().filter(l -> "N".equals(l.action())).map(l -> new Object[] {file.partyOrg(),
                        file.agentOrg(), file.agreementId(), l.personnummer(), l.purposeCode(), l.legalBasisId(),
                        l.benefitFamilies(), Date.valueOf(l.fromDate()), l.consentReference(), l.caseReference(),
                        l.partnerReference(), l.inboundFileId(), l.lineNumber(), Date.valueOf(on), changesAfterSequence}).toList());
        jdbc.batchUpdate("""
                UPDATE watch SET ended_on = ?, end_reason = 'cancelled by order', ended_by_file_id = ?
                WHERE party_org = ? AND personnummer = ? AND purpose_code = ? AND ended_on IS NULL""",
                lines.getItems().stream().filter(l -> "A".equals(l.action())).map(l -> new Object[] {Date.valueOf(on),
                        l.inboundFileId(), file.partyOrg(), l.personnummer(), l.purposeCode()}).toList());
    }
}
