package se.leka.exchange;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;

import se.leka.agreement.Agreement;
import se.leka.agreement.Agreements;
import se.leka.format.EndRecord;
import se.leka.format.FileEnvelopeException;
import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;

/**
 * Receipts (kvittenser, file type KVIT): writes them into the partner's outbox through
 * {@link Outboxes}, once per received file and kind, and is the one place that knows their layout
 * (documented to the byte in {@code jobs/intake/README.md}).
 *
 * <pre>
 * 00  start record, file type KVIT (80 characters)
 * 10  receipt record (250 characters), exactly one
 * 20  error record (300 characters), zero or more
 * 99  end record, record count = 1 + number of error records (80 characters)
 * </pre>
 */
@Service
public class Receipts {

    static final int RECEIPT_LENGTH = 250;
    static final int ERROR_LENGTH = 300;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final Outboxes outboxes;
    private final Agreements agreements;
    private final ExchangeProperties properties;
    private final ExchangeTime time;

    Receipts(Outboxes outboxes, Agreements agreements, ExchangeProperties properties, ExchangeTime time) {
        this.outboxes = outboxes;
        this.agreements = agreements;
        this.properties = properties;
        this.time = time;
    }

    /** The output key of the receipt of the given kind for an inbound file: one of each per file, ever. */
    public static String outputKey(long inboundFileId, Receipt.Kind kind) {
        return "receipt:" + kind.name().toLowerCase(Locale.ROOT) + ":" + inboundFileId;
    }

    /**
     * Writes the receipt for inbound file {@code inboundFileId} into the mailbox's outbox, once: a
     * second call for the same file and kind returns the receipt already delivered.
     */
    public OutboundFile send(Mailbox mailbox, long inboundFileId, Receipt receipt, Long jobExecutionId) {
        String agreementId = agreements.of(mailbox.party()).stream()
                .max(Comparator.comparing(Agreement::appliedOn)).map(Agreement::agreementId).orElse("");
        return outboxes.deliver(mailbox, FileType.KVIT, outputKey(inboundFileId, receipt.kind()), jobExecutionId,
                (FileName name, java.io.OutputStream out) -> out.write(write(new StartRecord(FileType.KVIT, 1,
                        OrgNumber.parse(properties.ownOrgNumber()), null, agreementId, name.sequenceNumber(),
                        time.now().toLocalDateTime().withNano(0)), receipt)));
    }

    /** The receipt file's bytes (ISO-8859-1, LF line ends). */
    public static byte[] write(StartRecord start, Receipt receipt) {
        if (start.fileType() != FileType.KVIT) {
            throw new IllegalArgumentException("a receipt's start record has file type KVIT");
        }
        StringBuilder file = new StringBuilder();
        file.append(start.format()).append('\n');
        file.append(fixed(new StringBuilder("10")
                .append(pad(receipt.kind().name(), 8))
                .append(pad(receipt.receivedFileName(), 100))
                .append(pad(receipt.sha256(), 64))
                .append(String.format("%07d", receipt.sequenceNumber()))
                .append(pad(receipt.status().name(), 18))
                .append(String.format("%09d%09d%09d", receipt.recordsInFile(), receipt.recordsAccepted(), receipt.recordsRejected()))
                .append(TIMESTAMP.format(receipt.receivedAt())), RECEIPT_LENGTH)).append('\n');
        for (ReceiptError error : receipt.errors()) {
            file.append(fixed(new StringBuilder("20")
                    .append(String.format("%09d", error.lineNumber()))
                    .append(pad(error.field(), 30))
                    .append(pad(error.code(), 30))
                    .append(pad(error.message(), ERROR_LENGTH - 71)), ERROR_LENGTH)).append('\n');
        }
        file.append(new EndRecord(1 + receipt.errors().size()).format()).append('\n');
        return file.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads a receipt file (for tests, tools and partners' reference). */
    public static Receipt read(byte[] bytes) {
        List<String> lines;
        try {
            CharBuffer chars = StandardCharsets.ISO_8859_1.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            lines = chars.toString().lines().toList();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not ISO-8859-1", e);
        }
        if (lines.size() < 3) {
            throw new FileEnvelopeException("recordType", "a receipt has at least a start, a receipt and an end record");
        }
        StartRecord start = StartRecord.parse(lines.get(0));
        if (start.fileType() != FileType.KVIT) {
            throw new FileEnvelopeException("fileType", "not a receipt: " + start.fileType());
        }
        EndRecord end = EndRecord.parse(lines.get(lines.size() - 1));
        if (end.recordCount() != lines.size() - 2) {
            throw new FileEnvelopeException("recordCount", "end record counts " + end.recordCount() + " records, file has " + (lines.size() - 2));
        }
        String r = lines.get(1);
        if (!r.startsWith("10") || r.length() != RECEIPT_LENGTH) {
            throw new FileEnvelopeException("recordType", "second line must be a receipt record 10 of " + RECEIPT_LENGTH + " characters");
        }
        List<ReceiptError> errors = new ArrayList<>();
        for (String e : lines.subList(2, lines.size() - 1)) {
            if (!e.startsWith("20") || e.length() != ERROR_LENGTH) {
                throw new FileEnvelopeException("recordType", "error records are 20 records of " + ERROR_LENGTH + " characters");
            }
            errors.add(new ReceiptError(Long.parseLong(e.substring(2, 11)), e.substring(11, 41).strip(),
                    e.substring(41, 71).strip(), e.substring(71).strip()));
        }
        return new Receipt(Receipt.Kind.valueOf(r.substring(2, 10).strip()), r.substring(10, 110).strip(),
                r.substring(110, 174).strip(), Long.parseLong(r.substring(174, 181)),
                ReceiptStatus.valueOf(r.substring(181, 199).strip()), Long.parseLong(r.substring(199, 208)),
                Long.parseLong(r.substring(208, 217)), Long.parseLong(r.substring(217, 226)),
                LocalDateTime.parse(r.substring(226, 245), TIMESTAMP), errors);
    }

    /** Left-aligned, space-padded, cut to {@code width}; line breaks and characters outside ISO-8859-1 become spaces and '?'. */
    private static String pad(String value, int width) {
        StringBuilder s = new StringBuilder(width);
        for (char c : value.toCharArray()) {
            if (s.length() == width) {
                break;
            }
            s.append(c < ' ' ? ' ' : c > 0xFF ? '?' : c);
        }
        while (s.length() < width) {
            s.append(' ');
        }
        return s.toString();
    }

    private static String fixed(StringBuilder record, int length) {
        if (record.length() > length) {
            throw new IllegalStateException("record longer than " + length);
        }
        return pad(record.toString(), length);
    }
}
