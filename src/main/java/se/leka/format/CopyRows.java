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
 */
public final class CopyRows {

    private static final int FLUSH_AT = 1 << 18;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private final CopyIn copy;
    private final String table;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
    private boolean firstInRow = true;
    private LocalDateTime lastTimestamp;
    private String lastTimestampText;

    /** Whether {@code connection} is PostgreSQL's, so that {@link CopyRows} can be used on it. */
    public static boolean supported(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    public CopyRows(Connection connection, String table, String columns) throws SQLException {
        this.table = table;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
    }

    /** Adds the next value of the current row: null, a string, a number, a date or a date-time. */
    public CopyRows value(Object value) {
        if (!firstInRow) {
            buffer.append('\t');
        }
        firstInRow = false;
        if (value == null) {
            buffer.append("\\N");
        } else if (value instanceof LocalDateTime t) {
            if (!t.equals(lastTimestamp)) { // rows of one append share their time: formatted once
                lastTimestamp = t;
                lastTimestampText = TIMESTAMP.format(t);
            }
            buffer.append(lastTimestampText);
        } else if (value instanceof LocalDate d) {
            date(d);
        } else if (value instanceof Long n) {
            buffer.append(n.longValue()); // straight into the buffer: no String per number
        } else if (value instanceof Integer n) {
            buffer.append(n.intValue());
        } else if (value instanceof Number n) {
            buffer.append(n);
        } else {
            escape(value.toString());
        }
        return this;
    }

    /** Ends the current row. */
    public void endRow() {
        buffer.append('\n');
        firstInRow = true;
        if (buffer.length() >= FLUSH_AT) {
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
        int year = d.getYear();
        if (year < 1000 || year > 9999) {
            buffer.append(d);
            return;
        }
        int month = d.getMonthValue();
        int day = d.getDayOfMonth();
        buffer.append(year).append('-').append((char) ('0' + month / 10)).append((char) ('0' + month % 10)).append('-')
                .append((char) ('0' + day / 10)).append((char) ('0' + day % 10));
    }

    private void escape(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into " + table + " failed", e);
        }
    }
}
