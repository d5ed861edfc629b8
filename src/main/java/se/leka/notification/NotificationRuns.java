package se.leka.notification;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.exchange.Mailbox;

/** What the daily change runs did, for operators and the admin: per-stream outcomes and watermarks. */
@Service
public class NotificationRuns {

    private final NotificationStore store;

    NotificationRuns(NotificationStore store) {
        this.store = store;
    }

    /** Every stream the run for {@code runDate} planned, skipped, found not due or delivered, by mailbox. */
    @Transactional(readOnly = true)
    public List<StreamRun> streams(LocalDate runDate) {
        return store.streamRuns(runDate);
    }

    /** The change-log sequence up to which the mailbox's stream has been delivered; empty before its first run. */
    @Transactional(readOnly = true)
    public OptionalLong watermark(Mailbox mailbox) {
        return store.findWatermark(mailbox).map(w -> OptionalLong.of(w.sequence())).orElse(OptionalLong.empty());
    }
}
