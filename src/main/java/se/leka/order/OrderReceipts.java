package se.leka.order;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import se.leka.exchange.Receipt;
import se.leka.exchange.ReceiptError;
import se.leka.exchange.ReceiptStatus;

/**
 * The record-level receipt (kvittens) of an order, query or refresh file, built from what the job
 * recorded: the file-level verdict first (line 0), then every refused line in line order.
 */
final class OrderReceipts {

    private OrderReceipts() {
    }

    static Receipt of(OrderFiles.OrderFile file, List<CheckedOrderLine> refusedLines, String sha256, LocalDateTime receivedAt) {
        List<ReceiptError> errors = new ArrayList<>();
        if (file.errorCode() != null) {
            errors.add(new ReceiptError(0, file.errorField(), file.errorCode(), file.errorMessage()));
        }
        refusedLines.forEach(l -> errors.add(new ReceiptError(l.lineNumber(), l.errorField(), l.errorCode(), l.errorMessage())));
        ReceiptStatus status = switch (file.status()) {
            case "ACCEPTED" -> ReceiptStatus.ACCEPTED;
            case "PARTIALLY_ACCEPTED" -> ReceiptStatus.PARTIALLY_ACCEPTED;
            case "REJECTED" -> ReceiptStatus.REJECTED;
            default -> throw new IllegalStateException("file " + file.inboundFileId() + " has no verdict yet (" + file.status() + ")");
        };
        long inFile = file.lineCount() != null ? file.lineCount() : file.declaredCount() != null && file.declaredCount() >= 0
                ? file.declaredCount() : 0;
        long accepted = file.rejected() ? 0 : nullToZero(file.acceptedCount());
        long refused = file.rejected() ? inFile : nullToZero(file.refusedCount());
        return new Receipt(Receipt.Kind.RECORDS, file.fileName(), sha256,
                file.sequenceNumber() == null ? 0 : file.sequenceNumber(), status, inFile, accepted, refused, receivedAt, errors);
    }

    private static long nullToZero(Long n) {
        return n == null ? 0 : n;
    }
}
