package se.leka.register;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessResourceFailureException;

import se.leka.format.AsciiBytes;

/**
 * PostgreSQL: streams rows into the {@link RowLoader.Target}'s table with {@code COPY … FROM STDIN} (text format),
 * through 256 KiB buffers. Every value was validated by {@link ExtractParser}, so all are ASCII and
 * none holds a tab, newline or backslash: each row is written straight into the buffer as bytes, no
 * escaping and no intermediate strings.
 *
 * <p>Full buffers are sent by a thread of their own ({@value #BUFFERS} may wait), so that the parser
 * goes on while the socket is full and PostgreSQL is still ingesting: sent from the parser's thread,
 * the two took turns more than they worked side by side. The connection is used by one thread at a
 * time — the sender between the start of the COPY and {@link #finish()} / {@link #abort()}, which wait
 * for it — and memory stays at {@value #BUFFERS} + 1 buffers.
 */
final class CopyRowLoader implements RowLoader {

    private static final int FLUSH_AT = 1 << 18;
    private static final int BUFFERS = 4;
    /** Room for one row: its fields are bounded by validation (a row is under 300 bytes). */
    private static final int ROW_MAX = 1 << 12;

    private final CopyIn copy;
    private final Target target;
    private final String table;
    /** For {@link Target#REGISTER}: {@code \t<extract id>\t<recorded at>\n}, the same for every row. */
    private final byte[] extractSuffix;
    private byte[] buffer;
    private int length;
    private long rows;
    private final BlockingQueue<Chunk> toSend = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread sender;
    /** The sender's first failure: reported by the next flush or finish, later chunks are dropped. */
    private volatile SQLException failure;

    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    CopyRowLoader(Connection connection, Target target, Extract extract) throws SQLException {
        this.target = target;
        this.table = target.table;
        this.extractSuffix = target == Target.REGISTER
                ? ("\t" + extract.extractId() + "\t" + extract.recordedAt().toString().replace('T', ' ') + "\n")
                        .getBytes(StandardCharsets.US_ASCII)
                : new byte[] {'\n'};
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + target.table + " (" + target.columns + ") FROM STDIN");
        for (int i = 0; i < BUFFERS; i++) {
            spare.add(new byte[FLUSH_AT + ROW_MAX]);
        }
        this.buffer = new byte[FLUSH_AT + ROW_MAX];
        this.sender = new Thread(this::send, "register-copy-" + target.table);
        sender.setDaemon(true);
        sender.start();
    }

    /** The sender thread: writes chunks in order until {@link #END}. */
    private void send() {
        try {
            for (Chunk chunk = toSend.take(); chunk != END; chunk = toSend.take()) {
                if (failure == null) {
                    try {
                        copy.writeToCopy(chunk.bytes(), 0, chunk.length());
                    } catch (SQLException e) {
                        failure = e;
                    }
                }
                spare.put(chunk.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void add(StagedRow r) {
        if (target == Target.STAGING) {
            number(r.lineNo());
            tab();
            ascii(r.sourceSystem()).put('|').ascii(r.personnummer()).put('|').ascii(r.benefit()).put('|')
                    .ascii(r.decisionId()).put('|');
            if (r.paymentDate() != null) {
                date(r.paymentDate());
            }
            tab();
        }
        ascii(r.personnummer()).tab().put(r.protectedIdentity() ? 't' : 'f').tab().ascii(r.sourceSystem()).tab()
                .ascii(r.benefitFamily()).tab().ascii(r.benefit()).tab().ascii(r.decisionId()).tab();
        date(r.periodFrom());
        tab();
        date(r.periodTo());
        tab();
        decimal(r.extent());
        tab();
        decimal(r.amount());
        tab().ascii(r.amountType()).tab();
        date(r.paymentDate());
        tab();
        decimal(r.paidAmount());
        tab().ascii(r.status()).tab();
        timestamp(r.sourceChangedAt());
        if (target == Target.REGISTER) {
            tab().ascii(RowLoader.firstLoadChange(r)).tab(); // changed fields: none
        }
        System.arraycopy(extractSuffix, 0, buffer, length, extractSuffix.length);
        length += extractSuffix.length;
        rows++;
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    private CopyRowLoader put(char c) {
        buffer[length++] = (byte) c;
        return this;
    }

    private CopyRowLoader tab() {
        return put('\t');
    }

    private CopyRowLoader ascii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    private void nullValue() {
        put('\\').put('N');
    }

    private void number(long value) {
        ascii(Long.toString(value));
    }

    private void digits(int value, int width) {
        length = AsciiBytes.digits(buffer, length, value, width);
    }

    private void date(LocalDate date) {
        if (date == null) {
            nullValue();
        } else if (AsciiBytes.fourDigitYear(date)) {
            length = AsciiBytes.isoDate(buffer, length, date);
        } else {
            ascii(date.toString());
        }
    }

    private void timestamp(LocalDateTime time) {
        date(time.toLocalDate());
        put(' ');
        digits(time.getHour(), 2);
        put(':');
        digits(time.getMinute(), 2);
        put(':');
        digits(time.getSecond(), 2);
    }

    private void decimal(BigDecimal value) {
        if (value == null) {
            nullValue();
        } else {
            ascii(value.toPlainString());
        }
    }

    private void flush() {
        throwIfFailed();
        try {
            toSend.put(new Chunk(buffer, length));
            buffer = spare.take();
            length = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + table, e);
        }
    }

    /** Waits until the sender has written every chunk given to it and stopped. */
    private void stopSender() {
        try {
            toSend.put(END);
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + table, e);
        }
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new DataAccessResourceFailureException("COPY into " + table + " failed", failure);
        }
    }

    @Override
    public long finish() {
        flush();
        stopSender();
        throwIfFailed();
        try {
            copy.endCopy();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into " + table + " failed", e);
        }
        return rows;
    }

    @Override
    public void abort() {
        stopSender();
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // the transaction is rolled back next: its COPY is gone either way
        }
    }
}
