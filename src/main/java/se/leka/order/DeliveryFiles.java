package se.leka.order;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>The order job, whose deliveries are the largest, writes its file whole instead: the start
 * record first ({@link #startRecord}, the name is reserved before its deliver step), the body after
 * it, and {@link #finish} adds the end record; the exchange room then moves the file into the
 * outbox rather than copying it ({@code Outboxes.deliverFile}).
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
        out.write(StrictCharset.encode(startRecord(type, sender, agreementId, created, name) + "\n", StrictCharset.FILES));
        long records = copyCountingLineEnds(body, out);
        out.write(StrictCharset.encode(new EndRecord(records).format() + "\n", StrictCharset.FILES));
    }

    /** The start record of a delivery or answer named {@code name}. */
    public static String startRecord(FileType type, OrgNumber sender, String agreementId, LocalDateTime created, FileName name) {
        return new StartRecord(type, DeliveryRecords.FORMAT_VERSION, sender, null, agreementId, name.sequenceNumber(),
                created.withNano(0)).format();
    }

    /**
     * Ends a file written as a start record and its body with the end record that counts the body's
     * records — unless it already ends with one (a restarted publish). A record cut off by a crash
     * while the end record was being written is cut away first. Returns the body's records.
     */
    static long finish(Path file) throws IOException {
        long ends;
        long complete; // bytes up to and including the last line end
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[COPY_BUFFER];
            ends = 0;
            complete = 0;
            long position = 0;
            for (int n = in.readNBytes(buffer, 0, buffer.length); n > 0; n = in.readNBytes(buffer, 0, buffer.length)) {
                ends += lineEnds(buffer, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buffer[i] == '\n') {
                        complete = position + i + 1;
                        break;
                    }
                }
                position += n;
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (channel.size() > complete) {
                channel.truncate(complete);
            }
            if (lastLineIsEndRecord(channel, complete)) {
                return ends - 2;
            }
            long records = ends - 1;
            ByteBuffer end = ByteBuffer.wrap(StrictCharset.encode(new EndRecord(records).format() + "\n", StrictCharset.FILES));
            channel.position(complete);
            while (end.hasRemaining()) {
                channel.write(end);
            }
            channel.force(true);
            return records;
        }
    }

    private static boolean lastLineIsEndRecord(FileChannel channel, long size) throws IOException {
        int length = EndRecord.LENGTH + 1;
        if (size < length) {
            return false;
        }
        ByteBuffer last = ByteBuffer.allocate(length);
        channel.read(last, size - length);
        byte[] bytes = last.array();
        // Body records begin with 40 or 41, the start record with 00: only an end record begins with 99.
        return bytes[0] == '9' && bytes[1] == '9' && (size == length || precededByLineEnd(channel, size - length));
    }

    private static boolean precededByLineEnd(FileChannel channel, long position) throws IOException {
        ByteBuffer before = ByteBuffer.allocate(1);
        channel.read(before, position - 1);
        return before.get(0) == '\n';
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
