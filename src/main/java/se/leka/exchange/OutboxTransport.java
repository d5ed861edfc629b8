package se.leka.exchange;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Takes a file that {@link Outboxes} has renamed into the local outbox to where the partner fetches
 * it. Embedded mode: nothing to do, the embedded server serves the local tree. External mode: upload
 * to the external server's outbox (temporary name, then rename).
 */
interface OutboxTransport {

    void publish(Mailbox mailbox, Path localFile) throws IOException;

    OutboxTransport LOCAL = (mailbox, localFile) -> {
    };
}
