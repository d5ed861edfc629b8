package se.leka.format;

import java.io.IOException;
import java.io.InputStream;
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
 */
public class BeanIoItemReader<T> implements ItemStreamReader<ParsedLine<T>> {

    private final String name;
    private final StreamFactory factory;
    private final String streamName;
    private final Path file;
    private final Charset charset;
    private final Class<T> type;
    private BeanReader reader;
    private long readCount;

    /**
     * @param name       unique within the step: prefixes the execution-context keys
     * @param factory    from {@link BeanIoMappings#factory}
     * @param streamName the {@code <stream name="…">} of the mapping
     * @param type       what every record maps to (a common supertype for several record kinds)
     */
    public BeanIoItemReader(String name, StreamFactory factory, String streamName, Path file, Charset charset, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.file = Objects.requireNonNull(file, "file");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            InputStream in = Files.newInputStream(file);
            reader = factory.createReader(streamName, StrictCharset.reader(in, charset));
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + file, e);
        }
        long alreadyRead = context.getLong(countKey(), 0L);
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
        try {
            Object bean = reader.read();
            if (bean == null) {
                return null;
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
            } catch (BeanReaderIOException e) {
                throw new UncheckedIOException(new IOException("cannot close " + file, e));
            } finally {
                reader = null;
            }
        }
    }

    private String countKey() {
        return name + ".read.count";
    }
}
