package se.leka.exchange;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the exchange room ({@code leka.exchange.*}); each is listed in README's configuration
 * table with its environment variable.
 *
 * @param mode          EMBEDDED: LEKA runs the SFTP server; EXTERNAL: LEKA is a client of an external SFTP server
 * @param ownOrgNumber  the sender written in the start record of LEKA's own files (Försäkringskassan)
 */
@ConfigurationProperties("leka.exchange")
public record ExchangeProperties(@DefaultValue("EMBEDDED") Mode mode,
                                 @DefaultValue("2021005521") String ownOrgNumber,
                                 @DefaultValue Sftp sftp,
                                 @DefaultValue External external,
                                 @DefaultValue Retention retention) {

    public enum Mode {
        EMBEDDED, EXTERNAL
    }

    /** The embedded SFTP server. Port 0 picks a free port (tests). */
    public record Sftp(@DefaultValue("2222") int port, @DefaultValue("0.0.0.0") String bindAddress) {
    }

    /**
     * The external SFTP server LEKA polls in EXTERNAL mode. Its tree has the same layout as the
     * embedded server's: {@code <remoteRoot>/<login>/inbox}, {@code <remoteRoot>/<agent>/<principal>/inbox}, ….
     */
    public record External(String host, @DefaultValue("22") int port, String user, Path privateKey, Path knownHosts,
                           @DefaultValue("/") String remoteRoot, @DefaultValue("PT30S") Duration pollInterval,
                           @DefaultValue("PT10S") Duration stableAge) {
    }

    /** How long the original bytes and undelivered outbox files are kept. */
    public record Retention(@DefaultValue("3650") int archiveDays, @DefaultValue("90") int outboxDays) {
    }
}
