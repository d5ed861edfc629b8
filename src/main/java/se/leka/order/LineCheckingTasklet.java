package se.leka.order;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import se.leka.format.BeanIoItemReader;
import se.leka.format.CopyRows;
import se.leka.format.ParsedLine;

/**
 * The check-lines step of a request-file job: every record of the file read, every detail line
 * checked ({@link OrderLineChecks}) and stored in {@code order_line}, a page of {@code pageSize}
 * records per transaction.
 *
 * <p>Why a tasklet and a thread of its own, as in {@link DeliveryTasklet}: as a chunk step, reading
 * and checking a chunk (Java) and storing it ({@code COPY}, PostgreSQL) took turns, each idle while
 * the other worked. Here the next page is read, checked and encoded for its {@code COPY} on a
 * background thread while the step thread stores and commits this one. Only the storing is transactional, so the guarantees are a
 * chunk step's: a page's lines commit together with the number of records done, kept in the
 * step's execution context; a restart opens the file after that many records (the read-ahead page
 * that was not committed is read again) and goes on.
 */
class LineCheckingTasklet implements Tasklet, ItemStream {

    private static final String RECORDS_DONE = "check-lines.records.done";
    private static final String CHUNK_STEP_POSITION = "order-lines.read.count";

    private final BeanIoItemReader<Object> reader;
    /** The line as stored, or null for a record that is not a detail line (start and end record). */
    private final Function<ParsedLine<Object>, CheckedOrderLine> check;
    private final OrderFiles files;
    private final int pageSize;
    private final long fileId;
    /** Null in production; a test's hook, called with every detail line as its page is stored. */
    private final OrderLineCheckpoint checkpoint;

    private ReadAhead readAhead;
    private Future<Page> next;
    private long recordsDone;

    LineCheckingTasklet(BeanIoItemReader<Object> reader, Function<ParsedLine<Object>, CheckedOrderLine> check,
                        OrderFiles files, int pageSize, long fileId, OrderLineCheckpoint checkpoint) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("leka.order.chunk-size must be at least 1, not " + pageSize);
        }
        this.reader = reader;
        this.check = check;
        this.files = files;
        this.pageSize = pageSize;
        this.fileId = fileId;
        this.checkpoint = checkpoint;
    }

    /**
     * A page as read: how many records it took of the file, its detail lines as they are stored and
     * those lines encoded for their {@code COPY} (null where there is none).
     */
    record Page(int records, List<CheckedOrderLine> lines, CopyRows.Encoded encoded) {
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        Page page = ReadAhead.await(next != null ? next : readNext());
        next = null;
        if (page.records() == 0) {
            return RepeatStatus.FINISHED;
        }
        next = readNext(); // the next page is read and checked while this one is stored
        for (int i = 0; i < page.records(); i++) {
            contribution.incrementReadCount();
        }
        for (CheckedOrderLine line : page.lines()) {
            if (checkpoint != null) {
                checkpoint.reached("check-lines", line.lineNumber());
            }
        }
        files.insertLines(page.lines(), page.encoded());
        contribution.incrementFilterCount(page.records() - page.lines().size());
        contribution.incrementWriteCount(page.lines().size());
        recordsDone += page.records();
        return RepeatStatus.CONTINUABLE;
    }

    private Future<Page> readNext() {
        return readAhead.submit(this::read);
    }

    /** Reads and checks up to a page of records; runs on the read-ahead thread, one page at a time. */
    private Page read() {
        List<CheckedOrderLine> lines = new ArrayList<>(pageSize);
        int records = 0;
        for (ParsedLine<Object> record = null; records < pageSize && (record = reader.read()) != null; records++) {
            CheckedOrderLine line = check.apply(record);
            if (line != null) {
                lines.add(line);
            }
        }
        return new Page(records, lines, files.encodeLines(lines));
    }

    @Override
    public void open(ExecutionContext context) {
        // A run begun as a chunk step (before this tasklet) kept its position as its reader's count.
        recordsDone = context.getLong(RECORDS_DONE, context.getLong(CHUNK_STEP_POSITION, 0L));
        next = null;
        readAhead = new ReadAhead("order-check-read-ahead-" + fileId, 1);
        reader.openAfter(recordsDone);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(RECORDS_DONE, recordsDone);
    }

    @Override
    public void close() {
        if (next != null) {
            next.cancel(true);
            next = null;
        }
        if (readAhead != null) {
            readAhead.close(); // the reader is the read-ahead thread's until it has stopped
            readAhead = null;
        }
        reader.close();
    }
}
