package se.leka.exchange;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

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
