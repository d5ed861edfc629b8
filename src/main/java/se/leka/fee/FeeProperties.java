package se.leka.fee;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the fee room ({@code leka.fee.*}; README "Configuration").
 *
 * @param modelsFile optional YAML file with more fee models (same layout as {@code jobs/fee-calculation/fee-models.yml})
 * @param financeDir where the invoice basis (fakturaunderlag) CSV files are written
 */
@ConfigurationProperties("leka.fee")
record FeeProperties(Path modelsFile, Path financeDir) {
}
