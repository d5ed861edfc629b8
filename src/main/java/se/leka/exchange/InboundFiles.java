package se.leka.exchange;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.format.OrgNumber;

/** Operators' (and later the admin's) view of intake: inbound files, reprocessing, routing waiting files. */
@Service
public class InboundFiles {

    private final Intake intake;

    InboundFiles(Intake intake) {
        this.intake = intake;
    }

    public Optional<InboundFile> find(long id) {
        return intake.store().find(id);
    }

    public List<InboundFile> withStatus(InboundFileStatus status) {
        return intake.store().withStatus(status);
    }

    /**
     * Inbound files, newest first. Every filter may be null or empty: {@code statuses} any of;
     * {@code party} matches the party, the login (an agent) or the principal of the mailbox;
     * {@code fileName} is a part of the name; {@code from} and {@code to} are Swedish days of
     * receipt, both included.
     */
    @Transactional(readOnly = true)
    public FilePage<InboundFile> search(Collection<InboundFileStatus> statuses, OrgNumber party, String fileName,
                                        LocalDate from, LocalDate to, int page, int size) {
        return intake.store().search(statuses, party, fileName,
                from == null ? null : from.atStartOfDay(ExchangeTime.SWEDEN).toOffsetDateTime(),
                to == null ? null : to.plusDays(1).atStartOfDay(ExchangeTime.SWEDEN).toOffsetDateTime(),
                FilePage.page(page), FilePage.size(size));
    }

    /** The id of the inbound file that reprocessed this one, if it was reprocessed. */
    @Transactional(readOnly = true)
    public Optional<Long> reprocessedAs(long id) {
        return intake.store().reprocessedAs(id);
    }

    /**
     * Takes a QUARANTINED or REJECTED file through intake again, from its kept original bytes — after
     * the cause was corrected on LEKA's side (a login's assignment registered, an agreement
     * activated, a missing earlier file received). The old row becomes REPROCESSED; the new one
     * ({@code reprocess_of} = the old id) gets its own receipt.
     *
     * @return the new inbound file's id
     */
    public long reprocess(long id) {
        return intake.reprocess(id);
    }

    /** Hands files AWAITING_JOB to their job when a route for their type now exists. */
    public void routeWaiting() {
        intake.recover(false);
    }
}
