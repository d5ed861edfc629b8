package se.leka.order;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import se.leka.exchange.Mailbox;
import se.leka.format.EndRecord;
import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;

/**
 * Where an order file's outputs are prepared and how they are framed: the body is written during
 * the job under {@code <data-dir>/work/order/<inbound file id>/}, and wrapped in its start and end
 * records when it is delivered, once the outbound name (and so the sequence number) is known. The
 * start record's created time is the inbound file's receipt time, a job parameter, so a restarted
 * job frames the file exactly as an uninterrupted one would.
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

    /** Writes start record, body and end record for a delivery (LEVE) or answer (SVAR). */
    static void frame(FileType type, OrgNumber sender, String agreementId, LocalDateTime created, FileName name,
                      Path body, long records, OutputStream out) throws IOException {
        StartRecord start = new StartRecord(type, DeliveryRecords.FORMAT_VERSION, sender, null, agreementId,
                name.sequenceNumber(), created.withNano(0));
        out.write(StrictCharset.encode(start.format() + "\n", StrictCharset.FILES));
        Files.copy(body, out);
        out.write(StrictCharset.encode(new EndRecord(records).format() + "\n", StrictCharset.FILES));
    }
}
