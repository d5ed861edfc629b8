package se.leka.order;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import se.leka.format.BeanIoItemWriter;
import se.leka.format.EndRecord;
import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;

/**
 * How delivery (LEVE) and answer (SVAR) files are made, by every job that sends them: the body —
 * person groups, {@link PersonDelivery} — is written during the job with a restartable
 * {@link #bodyWriter}, and framed with its start and end records by {@link #frame} when it is
 * delivered, once the outbound name (and so the löpnummer) is known. Give {@code created} from the
 * job's parameters, so that a restarted job frames the file exactly as an uninterrupted one would.
 */
public final class DeliveryFiles {

    private DeliveryFiles() {
    }

    /** A writer of person groups into {@code body}; {@code name} keys its restart state in the step's context. */
    public static BeanIoItemWriter<PersonDelivery> bodyWriter(String name, Path body) {
        return new BeanIoItemWriter<>(name, DeliveryRecords.factory(), DeliveryRecords.STREAM, body, StrictCharset.FILES,
                null, null);
    }

    /**
     * Writes start record, the body's records and the end record, reading the body once: its records
     * are counted as they are copied, and the end record that carries the count comes after them.
     */
    public static void frame(FileType type, OrgNumber sender, String agreementId, LocalDateTime created, FileName name,
                             Path body, OutputStream out) throws IOException {
        StartRecord start = new StartRecord(type, DeliveryRecords.FORMAT_VERSION, sender, null, agreementId,
                name.sequenceNumber(), created.withNano(0));
        out.write(StrictCharset.encode(start.format() + "\n", StrictCharset.FILES));
        long records = copyCountingLineEnds(body, out);
        out.write(StrictCharset.encode(new EndRecord(records).format() + "\n", StrictCharset.FILES));
    }

    /** Bytes read and written at a time: a million-person body is hundreds of megabytes. */
    static final int COPY_BUFFER = 1 << 20;

    /**
     * Copies the body into {@code out} and returns its records: its line ends, counted in the bytes
     * (the body writer ends every record with one LF, and no field holds a line end) rather than by
     * decoding a million-record body into lines.
     */
    static long copyCountingLineEnds(Path body, OutputStream out) throws IOException {
        long count = 0;
        byte[] buffer = new byte[COPY_BUFFER];
        try (InputStream in = Files.newInputStream(body)) {
            for (int n = in.readNBytes(buffer, 0, buffer.length); n > 0; n = in.readNBytes(buffer, 0, buffer.length)) {
                count += lineEnds(buffer, n);
                out.write(buffer, 0, n);
            }
        }
        return count;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long LINE_FEEDS = 0x0A0A0A0A0A0A0A0AL;

    /**
     * The LF bytes among the first {@code n} of {@code bytes}, eight at a time: a byte-by-byte loop
     * was most of the publish step's time for a million-person body. A byte of {@code x ^ LINE_FEEDS}
     * is zero exactly where {@code x} has an LF, and the expression below sets the top bit of exactly
     * the zero bytes (adding within the low seven bits never carries into the next byte).
     */
    static long lineEnds(byte[] bytes, int n) {
        long count = 0;
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            long x = (long) LONGS.get(bytes, i) ^ LINE_FEEDS;
            count += Long.bitCount(~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS));
        }
        for (; i < n; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
