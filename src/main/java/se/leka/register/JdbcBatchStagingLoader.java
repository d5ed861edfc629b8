package se.leka.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.springframework.dao.DataAccessResourceFailureException;

/** H2 (and any database without COPY): JDBC batch inserts into {@code register_staging}, 1,000 rows a batch. */
final class JdbcBatchStagingLoader implements StagingLoader {

    private static final int BATCH = 1000;

    private final PreparedStatement insert;
    private int pending;
    private long rows;

    JdbcBatchStagingLoader(Connection connection) throws SQLException {
        this.insert = connection.prepareStatement("INSERT INTO register_staging (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    public void add(StagedRow r) {
        try {
            insert.setLong(1, r.lineNo());
            insert.setString(2, r.factKey());
            insert.setString(3, r.personnummer());
            insert.setBoolean(4, r.protectedIdentity());
            insert.setString(5, r.sourceSystem());
            insert.setString(6, r.benefitFamily());
            insert.setString(7, r.benefit());
            insert.setString(8, r.decisionId());
            insert.setObject(9, r.periodFrom());
            insert.setObject(10, r.periodTo(), java.sql.Types.DATE);
            insert.setBigDecimal(11, r.extent());
            insert.setBigDecimal(12, r.amount());
            insert.setString(13, r.amountType());
            insert.setObject(14, r.paymentDate(), java.sql.Types.DATE);
            insert.setBigDecimal(15, r.paidAmount());
            insert.setString(16, r.status());
            insert.setObject(17, r.sourceChangedAt());
            insert.addBatch();
            rows++;
            if (++pending == BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("insert into register_staging failed", e);
        }
    }

    @Override
    public long finish() {
        try {
            if (pending > 0) {
                insert.executeBatch();
            }
            insert.close();
            return rows;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("insert into register_staging failed", e);
        }
    }
}
