package se.leka.format;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.beanio.BeanWriter;
import org.beanio.StreamFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A restartable, transaction-aware Spring Batch writer over a BeanIO {@link BeanWriter}, in the
 * manner of {@code FlatFileItemWriter}: records written in a chunk reach the file just before the
 * chunk's transaction commits, the byte position and record count are kept in the step's execution
 * context, and on restart the file is truncated back to the last committed position before writing
 * goes on — so a crash never leaves a duplicated or half-written record behind.
 *
 * <p>An item that is an {@link Iterable} is written as its elements, in order — a group of records
 * such as one person and their facts; each element counts as a record. {@code header} lines are
 * written when the file is started (not on restart); {@code footer} lines, given the number of
 * records, when the writer is closed. Characters the charset cannot hold fail the write (never
 * silently replaced). An {@link EncodedRecords} item is written byte for byte, as its producer
 * encoded it.
 */
public class BeanIoItemWriter<T> implements ItemStreamWriter<T> {

    private static final String LINE_END = "\n";

    private final String name;
    private final StreamFactory factory;
    private final String streamName;
    private final Path file;
    private final Charset charset;
    private final Supplier<List<String>> header;
    private final LongFunction<List<String>> footer;
    private final StringWriter recordText = new StringWriter();
    private final StringBuilder formattedText = new StringBuilder();
    /** The bytes of the records of the open transaction; reused, so a chunk's bytes are not copied again and again. */
    private final Pending pending;
    private BeanWriter beanWriter;
    private FileChannel channel;
    private long recordCount;
    private long pendingRecords;
    private boolean flushRegistered;

    public BeanIoItemWriter(String name, StreamFactory factory, String streamName, Path file, Charset charset,
                            Supplier<List<String>> header, LongFunction<List<String>> footer) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.file = Objects.requireNonNull(file, "file");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.pending = new Pending(charset);
        this.header = header == null ? List::of : header;
        this.footer = footer == null ? n -> List.of() : footer;
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean restart = context.containsKey(positionKey());
            if (restart) {
                long position = context.getLong(positionKey());
                channel = FileChannel.open(file, StandardOpenOption.WRITE);
                if (channel.size() < position) {
                    throw new ItemStreamException("cannot restart: " + file + " is shorter (" + channel.size()
                            + " bytes) than the committed position " + position);
                }
                channel.truncate(position);
                channel.position(position);
                recordCount = context.getLong(countKey());
            } else {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                recordCount = 0;
                for (String line : header.get()) {
                    writeNow(encode(line + LINE_END));
                }
            }
            beanWriter = factory.createWriter(streamName, recordText);
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + file + " for writing", e);
        }
    }

    @Override
    public void write(Chunk<? extends T> chunk) throws IOException {
        for (T item : chunk) {
            if (item instanceof Iterable<?> group) {
                for (Object record : group) {
                    append(record);
                }
            } else {
                append(item);
            }
        }
        encodeFormatted();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            if (!flushRegistered) {
                flushRegistered = true;
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        flushPending();
                    }

                    @Override
                    public void afterCompletion(int status) {
                        flushRegistered = false;
                        if (status != STATUS_COMMITTED) {
                            // Rolled back: what was buffered for this transaction never reaches the file.
                            pending.reset();
                            formattedText.setLength(0);
                            pendingRecords = 0;
                        }
                    }
                });
            }
        } else {
            flushPending();
        }
    }

    private void append(Object record) throws IOException {
        if (record instanceof EncodedRecords encoded) {
            encodeFormatted(); // what came before stays before
            encoded.chunks().forEach(pending::append);
            pendingRecords += encoded.records();
            return;
        }
        if (record instanceof CharSequence formatted) {
            // Already formatted to the byte by its producer (a hot path that BeanIO's reflective
            // marshalling would dominate): collected as is and encoded once for the chunk.
            formattedText.append(formatted).append(LINE_END);
            pendingRecords++;
            return;
        }
        encodeFormatted();
        beanWriter.write(record);
        beanWriter.flush();
        pending.append(encode(recordText.toString()));
        recordText.getBuffer().setLength(0);
        pendingRecords++;
    }

    private void encodeFormatted() throws CharacterCodingException {
        if (!formattedText.isEmpty()) {
            pending.encode(formattedText);
            formattedText.setLength(0);
        }
    }

    private void flushPending() {
        try {
            pending.writeTo(channel);
            pending.reset();
            recordCount += pendingRecords;
            pendingRecords = 0;
        } catch (IOException e) {
            throw new ItemStreamException("cannot write to " + file, e);
        }
    }

    /** Saves the position the file will have once this transaction's records are written. */
    @Override
    public void update(ExecutionContext context) {
        if (channel == null) {
            return;
        }
        try {
            context.putLong(positionKey(), channel.position() + pending.size());
            context.putLong(countKey(), recordCount + pendingRecords);
        } catch (IOException e) {
            throw new ItemStreamException("cannot read the position of " + file, e);
        }
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            flushPending();
            for (String line : footer.apply(recordCount)) {
                writeNow(encode(line + LINE_END));
            }
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            throw new ItemStreamException("cannot close " + file, e);
        } finally {
            channel = null;
            beanWriter = null;
        }
    }

    /** Records written so far, committed or about to be (this run and, after a restart, the runs before it). */
    public long recordCount() {
        return recordCount + pendingRecords;
    }

    private void writeNow(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * A growable byte buffer that encodes text into itself with a strict encoder (unmappable
     * characters fail, as {@link StrictCharset#encode} does) and is reused from chunk to chunk: a page
     * of a delivery is megabytes, and copying it through a String, a byte array and a
     * ByteArrayOutputStream made several short-lived humongous arrays per chunk.
     */
    private static final class Pending {

        private final CharsetEncoder encoder;
        private char[] chars = new char[8192];
        private ByteBuffer bytes = ByteBuffer.allocate(8192);

        Pending(Charset charset) {
            this.encoder = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        void encode(StringBuilder text) throws CharacterCodingException {
            int length = text.length();
            if (chars.length < length) {
                chars = new char[Math.max(length, chars.length * 2)];
            }
            text.getChars(0, length, chars, 0);
            CharBuffer in = CharBuffer.wrap(chars, 0, length); // array-backed: the encoder's fast loop
            int start = bytes.position();
            encoder.reset();
            for (CoderResult result = encoder.encode(in, bytes, true); ; result = encoder.encode(in, bytes, true)) {
                if (result.isOverflow()) {
                    grow(in.remaining());
                } else if (result.isError()) {
                    bytes.position(start); // nothing of a text that cannot be encoded is kept
                    result.throwException();
                } else {
                    break;
                }
            }
            for (CoderResult result = encoder.flush(bytes); result.isOverflow(); result = encoder.flush(bytes)) {
                grow(16);
            }
        }

        void append(byte[] more) {
            if (bytes.remaining() < more.length) {
                grow(more.length);
            }
            bytes.put(more);
        }

        int size() {
            return bytes.position();
        }

        void reset() {
            bytes.clear();
        }

        void writeTo(FileChannel channel) throws IOException {
            bytes.flip();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            bytes.clear();
        }

        private void grow(int atLeast) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(bytes.capacity() * 2, bytes.position() + atLeast + 1024));
            bytes.flip();
            larger.put(bytes);
            bytes = larger;
        }
    }

    private byte[] encode(String text) throws CharacterCodingException {
        return StrictCharset.encode(text, charset);
    }

    private String positionKey() {
        return name + ".position";
    }

    private String countKey() {
        return name + ".record.count";
    }
}
