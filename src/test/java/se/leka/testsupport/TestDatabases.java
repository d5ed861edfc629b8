package se.leka.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where integration tests get their database. PostgreSQL (the production database) is used when
 * it answers at {@code LEKA_TEST_DB_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user {@code LEKA_TEST_DB_USER}, default {@code postgres}); each test class gets a schema of its
 * own, dropped when its context closes. When PostgreSQL does not answer the tests fall back to an
 * in-memory H2 per class — unless {@code LEKA_REQUIRE_POSTGRES=true}, when they fail instead, so CI
 * can never pass on H2 alone.
 */
public final class TestDatabases {

    private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);
    private static final String PG_URL = env("LEKA_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = env("LEKA_TEST_DB_USER", "postgres");
    private static final String PG_PASSWORD = env("LEKA_TEST_DB_PASSWORD", "");
    private static volatile Boolean postgresReachable;

    private TestDatabases() {
    }

    /** A database of its own for one test class; {@code schema} is null on H2 (the whole database is its own). */
    public record TestDatabase(String url, String username, String password, String schema, String description,
                               Runnable dropper) {

        public List<String> springProperties() {
            List<String> properties = new java.util.ArrayList<>(List.of("spring.datasource.url=" + url,
                    "spring.datasource.username=" + username, "spring.datasource.password=" + password));
            if (schema != null) {
                properties.add("spring.flyway.schemas=" + schema);
                properties.add("spring.flyway.default-schema=" + schema);
            }
            return properties;
        }

        public void drop() {
            dropper.run();
        }
    }

    public static boolean requirePostgres() {
        return "true".equalsIgnoreCase(System.getenv("LEKA_REQUIRE_POSTGRES"));
    }

    /** True when this run's integration tests use PostgreSQL. */
    public static boolean onPostgres() {
        if (postgresReachable == null) {
            synchronized (TestDatabases.class) {
                if (postgresReachable == null) {
                    postgresReachable = probePostgres();
                }
            }
        }
        return postgresReachable;
    }

    public static TestDatabase create(String testName) {
        String schema = ("it_" + testName.replaceAll("[^A-Za-z0-9]", "") + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        TestDatabase database = onPostgres() ? postgresSchema(schema) : h2(schema);
        log.info("Integration test {} runs on {}", testName, database.description());
        return database;
    }

    private static boolean probePostgres() {
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            return c.isValid(5);
        } catch (SQLException e) {
            if (requirePostgres()) {
                throw new IllegalStateException("LEKA_REQUIRE_POSTGRES=true but PostgreSQL at " + PG_URL
                        + " does not answer: " + e.getMessage(), e);
            }
            log.warn("PostgreSQL at {} does not answer ({}); integration tests fall back to H2", PG_URL, e.getMessage());
            return false;
        }
    }

    private static TestDatabase postgresSchema(String schema) {
        execute("CREATE SCHEMA " + schema);
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(url, PG_USER, PG_PASSWORD, schema, "PostgreSQL schema " + schema,
                () -> execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    /** A fresh in-memory H2 in the PostgreSQL mode the embedded default uses. */
    public static TestDatabase h2(String name) {
        String url = "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return new TestDatabase(url, "sa", "", null, "H2 in-memory database " + name, () -> {
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                log.debug("H2 database {} already gone", name, e);
            }
        });
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test set-up failed on: " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
