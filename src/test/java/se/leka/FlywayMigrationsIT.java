package se.leka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import se.leka.testsupport.TestDatabases;

/**
 * The schema is the same on both databases: every migration applies on PostgreSQL (production)
 * and on H2 (embedded default), and both histories list the same migrations with the same checksums.
 */
class FlywayMigrationsIT {

    @Test
    void postgres_and_h2_apply_the_same_migrations() {
        List<String> onH2 = migrate(TestDatabases.h2("flyway_h2"));
        assertThat(onH2).isNotEmpty().first().asString().startsWith("1 ");
        if (!TestDatabases.onPostgres()) {
            Assumptions.abort("PostgreSQL not reachable; checked H2 only (CI sets LEKA_REQUIRE_POSTGRES=true)");
        }
        List<String> onPostgres = migrate(TestDatabases.create("flyway_pg"));
        assertThat(onPostgres).containsExactlyElementsOf(onH2);
    }

    private static List<String> migrate(TestDatabases.TestDatabase database) {
        try {
            var config = Flyway.configure()
                    .dataSource(database.url(), database.username(), database.password())
                    .locations("classpath:db/migration");
            if (database.schema() != null) {
                config.schemas(database.schema()).defaultSchema(database.schema());
            }
            Flyway flyway = config.load();
            flyway.migrate();
            return Arrays.stream(flyway.info().applied())
                    .map(FlywayMigrationsIT::describe)
                    .toList();
        } finally {
            database.drop();
        }
    }

    private static String describe(MigrationInfo m) {
        return m.getVersion() + " " + m.getDescription() + " " + m.getChecksum() + " " + m.getState();
    }
}
