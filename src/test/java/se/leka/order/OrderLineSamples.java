package se.leka.order;

import java.time.LocalDateTime;

import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;

/** Builds order-file lines in the layout of {@code jobs/order-intake/README.md} for tests that need their own files. */
final class OrderLineSamples {

    private OrderLineSamples() {
    }

    static String start(int sequence) {
        return new StartRecord(FileType.BEST, 1, OrgNumber.parse("5566778899"), null, "AVT-2026-0001", sequence,
                LocalDateTime.of(2026, 11, 30, 6, 0)).format();
    }

    static String order(String action, String personnummer, String purpose, String families, String fromDate,
                        String consent, String reference) {
        String line = "10" + action + pad(personnummer, 12) + pad(purpose, 4) + pad(families, 28) + pad(fromDate, 10)
                + pad(consent, 30) + pad("", 30) + pad(reference, 30) + "   ";
        if (line.length() != 150) {
            throw new IllegalStateException("order line must be 150 characters");
        }
        return line;
    }

    private static String pad(String s, int width) {
        return String.format("%-" + width + "s", s);
    }
}
