package se.leka.register;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * PostgreSQL: streams rows into {@code register_staging} with {@code COPY … FROM STDIN} (text format),
 * through a 256 KiB buffer. Every value was validated by {@link ExtractParser}, so none holds a tab,
 * newline or backslash and no escaping is needed.
 */
final class CopyStagingLoader implements StagingLoader {

    private static final int FLUSH_AT = 1 << 18;

    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_AT + 1024);
    private final StringBuilder line = new StringBuilder(256);
    private long rows;

    CopyStagingLoader(Connection connection) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY register_staging (" + COLUMNS + ") FROM STDIN");
    }

    @Override
    public void add(StagedRow r) {
        line.setLength(0);
        line.append(r.lineNo()).append('\t').append(r.factKey()).append('\t').append(r.personnummer()).append('\t')
                .append(r.protectedIdentity() ? 't' : 'f').append('\t').append(r.sourceSystem()).append('\t')
                .append(r.benefitFamily()).append('\t').append(r.benefit()).append('\t').append(r.decisionId()).append('\t')
                .append(r.periodFrom()).append('\t');
        value(r.periodTo()).append('\t');
        value(r.extent()).append('\t');
        line.append(r.amount().toPlainString()).append('\t').append(r.amountType()).append('\t');
        value(r.paymentDate()).append('\t');
        value(r.paidAmount()).append('\t');
        line.append(r.status()).append('\t').append(r.sourceChangedAt()).append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        rows++;
        if (buffer.size() >= FLUSH_AT) {
            flush();
        }
    }

    private StringBuilder value(Object value) {
        if (value == null) {
            return line.append("\\N");
        }
        return line.append(value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString());
    }

    private void flush() {
        try {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into register_staging failed", e);
        }
    }

    @Override
    public long finish() {
        flush();
        try {
            copy.endCopy();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into register_staging failed", e);
        }
        return rows;
    }
}
