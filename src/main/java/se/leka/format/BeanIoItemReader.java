package se.leka.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.beanio.BeanReader;
import org.beanio.BeanReaderException;
import org.beanio.BeanReaderIOException;
import org.beanio.RecordContext;
import org.beanio.StreamFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A restartable Spring Batch reader over a BeanIO {@link BeanReader} (BeanIO 3 ships none). It
 * returns every record as a {@link ParsedLine}: a record that does not parse is not an exception
 * but a line with errors, so that the job can report it in a receipt and go on.
 *
 * <p>Restart: the number of records handed out is kept in the step's execution context under
 * {@code <name>.read.count}; on restart the reader reads past that many records before it hands
 * out the next one, so a restarted step continues exactly after the last committed chunk.
 *
 * <p>Bytes that are not valid in the file's charset fail the read (never silently replaced).
 *
 * <p>A {@link Shortcut} may map the layout's ordinary record itself: BeanIO's reflective
 * unmarshalling costs more than everything else a million-line file's line costs. The reader then
 * reads the lines, hands the shortcut's records out as they are, and gives BeanIO only the lines
 * the shortcut declines — after telling it to skip the ones it did not see, so that BeanIO's line
 * numbers, messages and state are exactly those of reading every line itself.
 */
public class BeanIoItemReader<T> implements ItemStreamReader<ParsedLine<T>> {

    private final String name;
    private final StreamFactory factory;
    private final String streamName;
    private final Path file;
    private final Charset charset;
    private final Class<T> type;
    private final Shortcut<? extends T> shortcut;
    private BufferedReader lines;
    private LineFeed feed;
    private BeanReader reader;
    private long readCount;
    private int lineNumber;

    /**
     * Maps a line the way BeanIO would, for the one record it is sure of; the reader asks BeanIO for
     * every line it declines.
     */
    public interface Shortcut<T> {

        /** The BeanIO record name of what {@link #map} returns. */
        String recordName();

        /**
         * The bean BeanIO would make of {@code line} (without its line end), or null when the line
         * is not certainly that record without errors — BeanIO then reads it.
         */
        T map(String line);

        /**
         * What BeanIO is given to skip in place of a line the shortcut took (without its line end):
         * the shortest text BeanIO still identifies as that record. BeanIO skips a record by reading
         * it a character at a time, so the full line, a million times, was the costliest part of
         * checking a big file. The default, the line itself, is always right.
         */
        default String standIn(String line) {
            return line;
        }
    }

    /**
     * @param name       unique within the step: prefixes the execution-context keys
     * @param factory    from {@link BeanIoMappings#factory}
     * @param streamName the {@code <stream name="…">} of the mapping
     * @param type       what every record maps to (a common supertype for several record kinds)
     */
    public BeanIoItemReader(String name, StreamFactory factory, String streamName, Path file, Charset charset, Class<T> type) {
        this(name, factory, streamName, file, charset, type, null);
    }

    /** As above, with a {@link Shortcut} for the layout's ordinary record (null: BeanIO reads every line). */
    public BeanIoItemReader(String name, StreamFactory factory, String streamName, Path file, Charset charset, Class<T> type,
                            Shortcut<? extends T> shortcut) {
        this.shortcut = shortcut;
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.file = Objects.requireNonNull(file, "file");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public void open(ExecutionContext context) {
        openAfter(context.getLong(countKey(), 0L));
    }

    /**
     * Opens the file and reads past its first {@code alreadyRead} records, for a caller that keeps
     * the position itself (one that reads ahead of what it has committed, so {@link #update} would
     * report too much).
     */
    public void openAfter(long alreadyRead) {
        try {
            lines = new BufferedReader(StrictCharset.reader(Files.newInputStream(file), charset), 1 << 16);
            feed = new LineFeed();
            reader = factory.createReader(streamName, feed);
            lineNumber = 0;
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + file, e);
        }
        for (long i = 0; i < alreadyRead; i++) {
            if (next() == null) {
                throw new ItemStreamException("restart expected " + alreadyRead + " records in " + file + " but it has only " + i);
            }
        }
        readCount = alreadyRead;
    }

    @Override
    public ParsedLine<T> read() {
        ParsedLine<T> line = next();
        if (line != null) {
            readCount++;
        }
        return line;
    }

    private ParsedLine<T> next() {
        if (reader == null) {
            throw new ItemStreamException("reader for " + file + " is not open");
        }
        String line;
        try {
            line = lines.readLine();
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + file + " near line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
        if (line == null) {
            return null;
        }
        lineNumber++;
        if (shortcut != null) {
            T bean = shortcut.map(line);
            if (bean != null) {
                feed.skipped(shortcut, line);
                return new ParsedLine<>(lineNumber, shortcut.recordName(), bean, line, Map.of(), List.of());
            }
        }
        try {
            int skipped = feed.next(line);
            if (skipped > 0 && reader.skip(skipped) != skipped) {
                throw new ItemStreamException("BeanIO lost its place in " + file + " before line " + lineNumber);
            }
            Object bean = reader.read();
            if (bean == null) {
                throw new ItemStreamException("BeanIO found no record at line " + lineNumber + " of " + file);
            }
            return new ParsedLine<>(reader.getLineNumber(), reader.getRecordName(), type.cast(bean),
                    textOf(reader.getRecordContext(0)), Map.of(), List.of());
        } catch (BeanReaderIOException e) {
            throw new ItemStreamException("cannot read " + file + " near line " + reader.getLineNumber() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        } catch (BeanReaderException e) {
            return failed(e);
        }
    }

    private ParsedLine<T> failed(BeanReaderException e) {
        RecordContext context = e.getRecordCount() > 0 ? e.getRecordContext(0) : null;
        if (context == null) {
            return new ParsedLine<>(reader.getLineNumber(), null, null, null, Map.of(), List.of(e.getMessage()));
        }
        Map<String, List<String>> fieldErrors = new LinkedHashMap<>();
        if (context.hasFieldErrors()) {
            context.getFieldErrors().forEach((field, messages) -> fieldErrors.put(field, new ArrayList<>(messages)));
        }
        List<String> recordErrors = new ArrayList<>();
        if (context.hasRecordErrors()) {
            recordErrors.addAll(context.getRecordErrors());
        }
        if (fieldErrors.isEmpty() && recordErrors.isEmpty()) {
            recordErrors.add(e.getMessage());
        }
        return new ParsedLine<>(context.getLineNumber(), context.getRecordName(), null, context.getRecordText(),
                fieldErrors, recordErrors);
    }

    private static String textOf(RecordContext context) {
        return context == null ? null : context.getRecordText();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(countKey(), readCount);
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
                lines.close();
            } catch (BeanReaderIOException | IOException e) {
                throw new UncheckedIOException(new IOException("cannot close " + file, e));
            } finally {
                reader = null;
                lines = null;
            }
        }
    }

    /**
     * What BeanIO reads: the lines it is asked about, each after as many stand-ins (the shortcut's
     * {@link Shortcut#standIn} of a line it took, repeated) as the shortcut took since — which BeanIO skips, so that it counts
     * lines as the file has them. Only whole lines are ever in it, so BeanIO never reads past the
     * line it is asked about (it would take that for the end of the file).
     */
    private static final class LineFeed extends Reader {

        private String standIn;
        private int standIns;
        private int served;
        private String line;
        private String current = "";
        private int position;

        void skipped(Shortcut<?> shortcut, String line) {
            if (standIn == null) { // the stand-in of any line the shortcut took will do: BeanIO only skips it
                standIn = shortcut.standIn(line) + "\n";
            }
            standIns++;
        }

        /** Queues {@code line} after the stand-ins; returns how many stand-ins BeanIO must skip first. */
        int next(String line) {
            this.line = line;
            served = standIns;
            standIns = 0;
            return served;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position == current.length() && !advance()) {
                return -1;
            }
            int n = Math.min(length, current.length() - position);
            current.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        /**
         * BeanIO's fixed-length reader reads a character at a time, and {@link Reader#read()}
         * allocates an array per call: skipping the stand-ins of a million-line file cost 3.8 GB
         * of garbage before this override.
         */
        @Override
        public int read() {
            if (position == current.length() && !advance()) {
                return -1;
            }
            return current.charAt(position++);
        }

        /** Moves on to the next stand-in or the line asked about; false when there is neither. */
        private boolean advance() {
            if (served > 0) {
                served--;
                current = standIn;
            } else if (line != null) {
                current = line + "\n";
                line = null;
            } else {
                return false;
            }
            position = 0;
            return true;
        }

        @Override
        public void close() {
        }
    }

    private String countKey() {
        return name + ".read.count";
    }
}
