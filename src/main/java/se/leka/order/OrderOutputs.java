package se.leka.order;

import java.nio.file.Path;

import se.leka.exchange.Mailbox;
import se.leka.format.OrgNumber;

/**
 * Where an order file's outputs are prepared: the body under
 * {@code <data-dir>/work/order/<inbound file id>/}, framed by {@link DeliveryFiles} when delivered.
 */
final class OrderOutputs {

    private OrderOutputs() {
    }

    static String deliveryKey(long inboundFileId) {
        return "order:" + inboundFileId + ":LEVE";
    }

    static Path workDir(Path dataDir, long inboundFileId) {
        return dataDir.resolve("work").resolve("order").resolve(Long.toString(inboundFileId));
    }

    static Mailbox mailbox(String relativeDir) {
        String[] parts = relativeDir.split("/");
        return parts.length == 1 ? Mailbox.of(OrgNumber.parse(parts[0]))
                : Mailbox.viaAgent(OrgNumber.parse(parts[0]), OrgNumber.parse(parts[1]));
    }
}
