package se.leka.format;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * PostgreSQL only: appends rows to a table with {@code COPY … FROM STDIN} (text format) on the
 * caller's connection, so in its transaction. One COPY costs the server a fraction of what as
 * many INSERTs do (no per-statement parse, bind and round trip), which is what makes a million-line
 * order file, and its million disclosure-log rows, affordable. Values are escaped as the text format
 * requires (backslash, tab, newline, carriage return), since references, messages and statute texts
 * are free text. It lives in the shared room because it is a format (PostgreSQL's COPY text format),
 * not any one room's SQL: each caller names its own table and columns.
 *
 * <p>Rows are encoded (UTF-8, as the connection's client encoding) straight into a byte buffer that
 * is reused by the thread's next COPY: a job writes a COPY per chunk, and building the text in a
 * string builder first cost three copies of every byte (and the builder per COPY) in a profile.
 *
 * <p>{@link #inMemory} encodes rows without a connection, into a buffer of their own, for
 * {@link #send} to copy later — on the thread that holds the transaction, while the encoding was
 * done on a thread that reads ahead.
 */
public final class CopyRows {

    private static final int FLUSH_AT = 1 << 18;
    /** Room for the largest value before a flush: a character is at most 4 bytes, escaped 2. */
    private static final int VALUE_MAX = 1 << 12;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final byte[] NULL = {'\\', 'N'};
    /** One buffer per thread: a COPY is written by one thread, and the next COPY of that thread reuses it. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[FLUSH_AT + VALUE_MAX]);

    /** Null for rows encoded {@link #inMemory}. */
    private final CopyIn copy;
    private final String table;
    private final String columns;
    private byte[] buffer;
    /** Where the buffer is sent (or, in memory, grown): its end less room for one more value. */
    private int flushAt = FLUSH_AT;
    private int length;
    private long rows;
    private boolean firstInRow = true;
    private LocalDateTime lastTimestamp;
    private byte[] lastTimestampText;

    /** Whether {@code connection} is PostgreSQL's, so that {@link CopyRows} can be used on it. */
    public static boolean supported(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    public CopyRows(Connection connection, String table, String columns) throws SQLException {
        this.table = table;
        this.columns = columns;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        this.buffer = BUFFERS.get();
    }

    private CopyRows(String table, String columns) {
        this.table = table;
        this.columns = columns;
        this.copy = null;
        this.buffer = new byte[FLUSH_AT + VALUE_MAX];
    }

    /** Rows for {@code table}'s {@code columns}, encoded here and copied later by {@link #send}. */
    public static CopyRows inMemory(String table, String columns) {
        return new CopyRows(table, columns);
    }

    /** Rows encoded {@link #inMemory}, ready for {@link #send}. */
    public record Encoded(String table, String columns, byte[] bytes, int length, long rows) {
    }

    /** The rows encoded so far by an {@link #inMemory} instance. */
    public Encoded encoded() {
        if (copy != null) {
            throw new IllegalStateException("rows of a COPY in progress are sent, not kept");
        }
        return new Encoded(table, columns, buffer, length, rows);
    }

    /** Copies rows encoded {@link #inMemory} on {@code connection}, so in its transaction; returns the rows the server took. */
    public static long send(Connection connection, Encoded rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + rows.table() + " (" + rows.columns() + ") FROM STDIN");
        try {
            copy.writeToCopy(rows.bytes(), 0, rows.length());
            return copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
    }

    /** Adds the next value of the current row: null, a string, a number, a date or a date-time. */
    public CopyRows value(Object value) {
        if (!firstInRow) {
            buffer[length++] = '\t';
        }
        firstInRow = false;
        if (value == null) {
            bytes(NULL);
        } else if (value instanceof LocalDateTime t) {
            if (!t.equals(lastTimestamp)) { // rows of one append share their time: formatted once
                lastTimestamp = t;
                lastTimestampText = TIMESTAMP.format(t).getBytes(StandardCharsets.US_ASCII);
            }
            bytes(lastTimestampText);
        } else if (value instanceof LocalDate d) {
            date(d);
        } else if (value instanceof Long n) {
            number(n);
        } else if (value instanceof Integer n) {
            number(n);
        } else if (value instanceof Number n) {
            text(n.toString());
        } else {
            text(value.toString());
        }
        return this;
    }

    /** Ends the current row. */
    public void endRow() {
        buffer[length++] = '\n';
        firstInRow = true;
        rows++;
        if (length >= flushAt) {
            flush();
        }
    }

    /** Sends what is left and ends the COPY; returns the number of rows the server took. */
    public long finish() {
        flush();
        try {
            return copy.endCopy();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into " + table + " failed", e);
        }
    }

    /** Abandons the COPY after a failure, so that the connection can roll its transaction back. */
    public void cancel() {
        length = 0;
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // the transaction is rolled back anyway; the original failure is the one to report
        }
    }

    /** ISO {@code yyyy-MM-dd} as {@link LocalDate#toString()} writes it, without building a String per date. */
    private void date(LocalDate d) {
        if (AsciiBytes.fourDigitYear(d)) {
            length = AsciiBytes.isoDate(buffer, length, d);
        } else {
            text(d.toString());
        }
    }

    private void number(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                text(Long.toString(value));
                return;
            }
            buffer[length++] = '-';
            value = -value;
        }
        int width = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            width++;
        }
        length = AsciiBytes.digits(buffer, length, value, width);
    }

    private void bytes(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /** The text format's escapes (backslash, tab, newline, carriage return) and UTF-8. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, wanted here
    private void text(String s) {
        int n = s.length();
        if (n <= flushAt + VALUE_MAX / 2 - length && plainAscii(s, n)) { // nearly every value: copied as it is
            s.getBytes(0, n, buffer, length);
            length += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            if (length > flushAt + VALUE_MAX / 2) { // a long free text: send what is there first
                flush();
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> escaped('\\');
                    case '\t' -> escaped('t');
                    case '\n' -> escaped('n');
                    case '\r' -> escaped('r');
                    default -> buffer[length++] = (byte) c;
                }
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | c >> 6);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buffer[length++] = (byte) (0xF0 | cp >> 18);
                buffer[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buffer[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buffer[length++] = '?'; // a lone surrogate has no UTF-8 form: what String.getBytes writes
            } else {
                buffer[length++] = (byte) (0xE0 | c >> 12);
                buffer[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    /** Printable ASCII without a backslash: its chars are its UTF-8 bytes and need no escape. */
    private static boolean plainAscii(String s, int n) {
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void escaped(char c) {
        buffer[length++] = '\\';
        buffer[length++] = (byte) c;
    }

    private void flush() {
        if (length == 0) {
            return;
        }
        if (copy == null) { // in memory: room for the next values instead of a send
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            flushAt = buffer.length - VALUE_MAX;
            return;
        }
        try {
            copy.writeToCopy(buffer, 0, length);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into " + table + " failed", e);
        } finally {
            length = 0;
        }
    }
}
