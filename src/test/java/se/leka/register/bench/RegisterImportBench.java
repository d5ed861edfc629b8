package se.leka.register.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import se.leka.LekaExchangeApplication;
import se.leka.register.ImportOutcome;
import se.leka.register.RegisterImports;

/**
 * Imports the extract files given as arguments (the {@code --name=value} ones are Spring settings), in order, through {@link RegisterImports} on the
 * database configured by the usual settings (the benchmark script points it at PostgreSQL), and
 * prints one line per file: rows, seconds, rows/s, peak heap used. Not a test; see
 * {@code ops/bench/register-import.sh}.
 */
public final class RegisterImportBench {

    private RegisterImportBench() {
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(LekaExchangeApplication.class);
        // The admin room needs the servlet stack: serve it on a free loopback port, and the SFTP server too.
        app.setDefaultProperties(java.util.Map.of("server.port", "0", "server.address", "127.0.0.1",
                "leka.exchange.sftp.port", "0", "leka.exchange.sftp.bind-address", "127.0.0.1",
                "leka.register.poll.enabled", "false", "leka.demo.enabled", "false"));
        String[] settings = java.util.Arrays.stream(args).filter(a -> a.startsWith("--")).toArray(String[]::new);
        try (ConfigurableApplicationContext context = app.run(settings)) {
            RegisterImports imports = context.getBean(RegisterImports.class);
            for (String file : java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toList()) {
                resetPeaks();
                long start = System.nanoTime();
                ImportOutcome outcome = imports.importFile(Path.of(file));
                double seconds = (System.nanoTime() - start) / 1e9;
                long rows = outcome.stagedRows() + outcome.errorRows();
                System.out.printf("BENCH file=%s result=%s rows=%d seconds=%.2f rows_per_s=%.0f peak_heap_mb=%d changes=%d/%d/%d/%d%n",
                        Path.of(file).getFileName(), outcome.result(), rows, seconds, rows / seconds, peakHeapMb(),
                        outcome.newFacts(), outcome.changedFacts(), outcome.endedFacts(), outcome.withdrawnFacts());
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}
