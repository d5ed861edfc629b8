package se.leka.order;

import java.nio.file.Files;
import java.nio.file.Path;

import se.leka.exchange.Mailbox;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;

/**
 * Where an order file's outputs are prepared: the delivery or answer under
 * {@code <data-dir>/work/order/<inbound file id>/}, moved into the outbox when published.
 */
final class OrderOutputs {

    private OrderOutputs() {
    }

    /** What a request file is answered with: an order (BEST) with a delivery (LEVE), a query (FRAG) with an answer (SVAR). */
    static FileType outputType(String requestType) {
        return FileType.FRAG.code().equals(requestType) ? FileType.SVAR : FileType.LEVE;
    }

    /** The output's key for the exchange room's exactly-once delivery. */
    static String outputKey(long inboundFileId, FileType outputType) {
        return (outputType == FileType.SVAR ? "query:" : "order:") + inboundFileId + ":" + outputType.code();
    }

    static String deliveryKey(long inboundFileId) {
        return outputKey(inboundFileId, FileType.LEVE);
    }

    /** The delivery or answer as the deliver step writes it: start record and body; publish adds the end record. */
    static Path delivery(Path dataDir, long inboundFileId, FileType outputType) {
        return workDir(dataDir, inboundFileId).resolve(outputType.code() + ".txt");
    }

    /**
     * Fails a job that an earlier version began delivering: it wrote the body alone ({@code LEVE.body}),
     * to be framed at publish, where this version writes the whole file. Such a job is finished with
     * that version, or abandoned (ops/order-intake.md, "Upgrading").
     */
    static void refuseEarlierBody(Path dataDir, long inboundFileId, FileType outputType) {
        Path body = workDir(dataDir, inboundFileId).resolve(outputType.code() + ".body");
        if (Files.exists(body)) {
            throw new IllegalStateException("order file " + inboundFileId + " was being delivered by an earlier version (" + body
                    + "): finish its job with that version, or abandon it and have the partner send the file again");
        }
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
