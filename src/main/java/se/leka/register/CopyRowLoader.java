package se.leka.register;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * PostgreSQL: streams rows into the {@link RowLoader.Target}'s table with {@code COPY … FROM STDIN} (text format),
 * through a 256 KiB buffer. Every value was validated by {@link ExtractParser}, so all are ASCII and
 * none holds a tab, newline or backslash: each row is written straight into the buffer as bytes, no
 * escaping and no intermediate strings.
 */
final class CopyRowLoader implements RowLoader {

    private static final int FLUSH_AT = 1 << 18;
    /** Room for one row: its fields are bounded by validation (a row is under 300 bytes). */
    private static final int ROW_MAX = 1 << 12;

    private final CopyIn copy;
    private final Target target;
    private final String table;
    /** For {@link Target#REGISTER}: {@code \t<extract id>\t<recorded at>\n}, the same for every row. */
    private final byte[] extractSuffix;
    private final byte[] buffer = new byte[FLUSH_AT + ROW_MAX];
    private int length;
    private long rows;

    CopyRowLoader(Connection connection, Target target, Extract extract) throws SQLException {
        this.target = target;
        this.table = target.table;
        this.extractSuffix = target == Target.REGISTER
                ? ("\t" + extract.extractId() + "\t" + extract.recordedAt().toString().replace('T', ' ') + "\n")
                        .getBytes(StandardCharsets.US_ASCII)
                : new byte[] {'\n'};
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + target.table + " (" + target.columns + ") FROM STDIN");
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
        for (int i = length + width - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }

    private void date(LocalDate date) {
        if (date == null) {
            nullValue();
            return;
        }
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            ascii(date.toString());
            return;
        }
        digits(year, 4);
        put('-');
        digits(date.getMonthValue(), 2);
        put('-');
        digits(date.getDayOfMonth(), 2);
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
        try {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into " + table + " failed", e);
        }
    }

    @Override
    public long finish() {
        flush();
        try {
            copy.endCopy();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into " + table + " failed", e);
        }
        return rows;
    }
}
