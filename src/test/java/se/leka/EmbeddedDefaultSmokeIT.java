package se.leka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts the whole application exactly as {@code ./mvnw spring-boot:run} does on a fresh clone —
 * no profile, so the embedded default (H2 file database, demo partners) — only with its data
 * directory in a temporary folder and free ports.
 */
class EmbeddedDefaultSmokeIT {

    @TempDir
    Path dataDir;

    @Test
    void starts_on_the_embedded_default_reports_up_and_seeds_the_demo_partners_once() throws Exception {
        long partiesAfterFirstStart;
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getEnvironment().getActiveProfiles()).isEmpty();
            assertThat(app.getEnvironment().getDefaultProfiles()).containsExactly("embedded");

            HttpResponse<String> health = get(app, "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");

            HttpResponse<String> prometheus = get(app, "/actuator/prometheus");
            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.body()).contains("jvm_memory_used_bytes");

            JdbcClient jdbc = app.getBean(JdbcClient.class);
            partiesAfterFirstStart = jdbc.sql("SELECT COUNT(*) FROM party").query(Long.class).single();
            assertThat(partiesAfterFirstStart).isEqualTo(6);
            assertThat(jdbc.sql("SELECT status FROM agreement WHERE agreement_id = 'AVT-2026-0001'").query(String.class).single())
                    .isEqualTo("ACTIVE");
            assertThat(jdbc.sql("SELECT status FROM agreement WHERE agreement_id = 'AVT-2025-0007'").query(String.class).single())
                    .isEqualTo("ENDED");
        }
        assertThat(dataDir.resolve("h2")).isDirectoryContaining("glob:**leka.mv.db");

        try (ConfigurableApplicationContext again = start()) {
            JdbcClient jdbc = again.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM party").query(Long.class).single())
                    .as("a restart on the same data directory seeds nothing twice").isEqualTo(partiesAfterFirstStart);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM agent_assignment").query(Long.class).single()).isEqualTo(3);
        }
    }

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(LekaExchangeApplication.class,
                "--server.port=0", "--leka.exchange.sftp.port=0", "--leka.data-dir=" + dataDir, "--leka.demo.dir=sample-files/demo");
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext app, String path) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
