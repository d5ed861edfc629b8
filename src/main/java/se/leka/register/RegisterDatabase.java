package se.leka.register;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What differs between PostgreSQL (production) and H2 (embedded default) for the register import,
 * chosen once by the datasource's database product name: how staging is bulk-loaded (COPY versus
 * JDBC batches), how a work table is emptied inside a transaction, and planner statistics.
 */
@Component
class RegisterDatabase {

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    RegisterDatabase(DataSource dataSource) throws SQLException {
        this.jdbc = new JdbcTemplate(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        }
    }

    boolean isPostgres() {
        return postgres;
    }

    /** A loader for {@code register_staging} on the current transaction's connection. */
    StagingLoader openStagingLoader() {
        return jdbc.execute((Connection connection) -> postgres
                ? new CopyStagingLoader(connection)
                : new JdbcBatchStagingLoader(connection));
    }

    /** Empties a work table within the current transaction (H2's TRUNCATE would commit it). */
    void clear(String workTable) {
        jdbc.execute(postgres ? "TRUNCATE TABLE " + workTable : "DELETE FROM " + workTable);
    }

    /** Fresh planner statistics after a bulk change, so joins against the register use the right plan. */
    void analyze(String table) {
        if (postgres) {
            jdbc.execute("ANALYZE " + table);
        }
    }

}
