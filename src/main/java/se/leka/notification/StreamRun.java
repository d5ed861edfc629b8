package se.leka.notification;

import java.time.LocalDate;

import se.leka.exchange.Mailbox;

/**
 * What one daily change run did for one stream — a mailbox's share of a party's watches (the
 * party's own, or those ordered through an agent).
 *
 * @param reason       for SKIPPED: the refusal code (e.g. {@code AGREEMENT_ENDED}, {@code ASSIGNMENT_ENDED})
 * @param fromSequence the watermark the run started from (exclusive)
 * @param toSequence   the change log's upper bound captured when the run started (inclusive)
 * @param persons      person groups delivered, once the stream is finished
 * @param fileName     the delivery (LEVE) file, when there were changes to deliver
 */
public record StreamRun(LocalDate runDate, Mailbox mailbox, String agreementId, Status status, String reason,
                        String message, long activeWatches, Long fromSequence, Long toSequence, Long persons,
                        String fileName) {

    public enum Status {
        /** To be delivered by this run (its partition has not finished). */
        PLANNED,
        /** Nothing delivered: the agreement is not active on the run date or the agent's assignment is not in force. */
        SKIPPED,
        /** A weekly agreement that already had its delivery this week. */
        NOT_DUE,
        /** Delivered; the watermark moved to {@code toSequence}. */
        DELIVERED,
        /** No change concerned the stream; the watermark moved to {@code toSequence}. */
        NO_CHANGES
    }

    public StreamRun(LocalDate runDate, Mailbox mailbox, String agreementId, Status status, String reason, String message,
                     long activeWatches, Long fromSequence, Long toSequence) {
        this(runDate, mailbox, agreementId, status, reason, message, activeWatches, fromSequence, toSequence, null, null);
    }
}
