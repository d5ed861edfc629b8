package se.leka.notification;

/**
 * Where a {@link StreamDelivery} takes its person groups from, page by page. A page starts after a
 * key (the cursor the previous page ended with, kept in the step's execution context; null: from
 * the first), so a restarted step continues after its last committed page on this instance or on
 * another one: a source keeps no state of its own between pages that a restart would need.
 */
interface GroupSource {

    /** Up to about {@code maxWatches} watches after {@code afterKey}, as person groups. */
    WatchGroups.Page next(String afterKey, int maxWatches);
}
