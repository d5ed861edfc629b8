package se.leka.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.springframework.dao.DataAccessResourceFailureException;

/** H2 (and any database without COPY): JDBC batch inserts into the {@link RowLoader.Target}'s table, 1,000 rows a batch. */
final class JdbcBatchRowLoader implements RowLoader {

    private static final int BATCH = 1000;

    private final PreparedStatement insert;
    private final Target target;
    private final Extract extract;
    private int pending;
    private long rows;

    JdbcBatchRowLoader(Connection connection, Target target, Extract extract) throws SQLException {
        this.target = target;
        this.extract = extract;
        int columns = target.columns.split(", ").length;
        this.insert = connection.prepareStatement("INSERT INTO " + target.table + " (" + target.columns
                + ") VALUES (" + "?, ".repeat(columns - 1) + "?)");
    }

    @Override
    public void add(StagedRow r) {
        try {
            int i = 0;
            if (target == Target.STAGING) {
                insert.setLong(++i, r.lineNo());
                insert.setString(++i, r.factKey());
            }
            insert.setString(++i, r.personnummer());
            insert.setBoolean(++i, r.protectedIdentity());
            insert.setString(++i, r.sourceSystem());
            insert.setString(++i, r.benefitFamily());
            insert.setString(++i, r.benefit());
            insert.setString(++i, r.decisionId());
            insert.setObject(++i, r.periodFrom());
            insert.setObject(++i, r.periodTo(), java.sql.Types.DATE);
            insert.setBigDecimal(++i, r.extent());
            insert.setBigDecimal(++i, r.amount());
            insert.setString(++i, r.amountType());
            insert.setObject(++i, r.paymentDate(), java.sql.Types.DATE);
            insert.setBigDecimal(++i, r.paidAmount());
            insert.setString(++i, r.status());
            insert.setObject(++i, r.sourceChangedAt());
            if (target == Target.REGISTER) {
                insert.setString(++i, RowLoader.firstLoadChange(r));
                insert.setString(++i, "");
                insert.setString(++i, extract.extractId());
                insert.setObject(++i, extract.recordedAt());
            }
            insert.addBatch();
            rows++;
            if (++pending == BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("insert into " + target.table + " failed", e);
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
            throw new DataAccessResourceFailureException("insert into " + target.table + " failed", e);
        }
    }
}
