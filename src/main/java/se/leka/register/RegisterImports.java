package se.leka.register;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import se.leka.register.ImportOutcome.Result;

/**
 * Starts the {@code register-import} job for an extract file: on demand ({@link #importFile}) and
 * for everything waiting in the drop directory ({@link #importDropDirectory}, called by the poller).
 * The same file (checksum) or extract id twice changes nothing and says so; a file whose earlier
 * run failed is restarted, continuing the same job instance. Finished files (applied or rejected)
 * are moved to {@code <archive-dir>/<yyyy-MM-dd>/} with their error report beside them. Imports
 * run one at a time in this process (the register is merged in extract order).
 */
@Service
public class RegisterImports {

    private static final Logger log = LoggerFactory.getLogger(RegisterImports.class);
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final ExtractStore extracts;
    private final Path dropDir;
    private final Path archiveDir;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    RegisterImports(JobOperator jobOperator, JobRepository jobRepository,
                    @Qualifier(RegisterImportJobConfiguration.JOB_NAME) Job job, ExtractStore extracts,
                    @Value("${leka.register.drop-dir}") Path dropDir, @Value("${leka.register.archive-dir}") Path archiveDir) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.extracts = extracts;
        this.dropDir = dropDir;
        this.archiveDir = archiveDir;
    }

    /** The drop directory extracts are picked up from. */
    public Path dropDirectory() {
        return dropDir;
    }

    /**
     * Imports every extract waiting in the drop directory ({@code *.txt}, in name order), skipping
     * files whose import has already failed {@code maxAttempts} times (an operator then restarts it
     * with {@link #importFile}).
     */
    public List<ImportOutcome> importDropDirectory(int maxAttempts) {
        List<ImportOutcome> outcomes = new ArrayList<>();
        if (!Files.isDirectory(dropDir)) {
            return outcomes;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dropDir)) {
            files = listing.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".txt"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the register drop directory " + dropDir, e);
        }
        for (Path file : files) {
            if (attempts(checksum(file)) >= maxAttempts) {
                log.warn("Register extract file {} failed {} times; left for an operator (see ops/register-import.md)",
                        file.getFileName(), maxAttempts);
                continue;
            }
            outcomes.add(importFile(file));
        }
        return outcomes;
    }

    /**
     * Imports one extract file: starts the job, or restarts its failed run, or — when the file or
     * its extract id was imported before — changes nothing and says so.
     */
    public ImportOutcome importFile(Path extract) {
        if (!Files.isRegularFile(extract)) {
            throw new IllegalArgumentException("not a file: " + extract);
        }
        oneAtATime.lock();
        try {
            return runImport(extract.toAbsolutePath().normalize());
        } finally {
            oneAtATime.unlock();
        }
    }

    private ImportOutcome runImport(Path file) {
        String checksum = checksum(file);
        var earlier = extracts.find(checksum);
        if (earlier.isPresent() && earlier.get().status() != ExtractRecord.Status.STAGED) {
            ExtractRecord e = earlier.get();
            Path archived = archive(file);
            String message = "file " + file.getFileName() + " was imported before (extract " + e.extractId() + ", "
                    + e.status() + "); nothing changed";
            log.info("Register import: {}", message);
            return outcome(Result.ALREADY_IMPORTED, e, checksum, archived, message);
        }
        JobParameters parameters = new JobParametersBuilder()
                .addString(RegisterImportJobConfiguration.CHECKSUM, checksum, true)
                .addString(RegisterImportJobConfiguration.FILE, file.toString(), false)
                .toJobParameters();
        JobExecution execution;
        try {
            JobInstance instance = jobRepository.getJobInstance(RegisterImportJobConfiguration.JOB_NAME, parameters);
            JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
            if (last != null && last.isRunning()) {
                return new ImportOutcome(Result.IN_PROGRESS, null, checksum, 0, 0, 0, 0, 0, 0, null, null,
                        "job execution " + last.getId() + " for this file is " + last.getStatus()
                                + "; if its process is gone, recover it (ops/register-import.md)");
            }
            if (last != null && last.getStatus() != BatchStatus.COMPLETED) {
                log.info("Register import: restarting job execution {} for file {}", last.getId(), file.getFileName());
                execution = jobOperator.restart(last);
            } else {
                execution = jobOperator.start(job, parameters);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot run register-import for " + file.getFileName() + ": " + Masking.mask(e.getMessage()), e);
        }
        ExtractRecord record = extracts.find(checksum).orElse(null);
        if (execution.getStatus() != BatchStatus.COMPLETED || record == null || record.status() == ExtractRecord.Status.STAGED) {
            String reason = execution.getAllFailureExceptions().stream().findFirst()
                    .map(t -> t.getClass().getSimpleName() + ": " + Masking.mask(t.getMessage()))
                    .orElse(execution.getExitStatus().getExitCode());
            log.warn("Register import of {} did not complete (job execution {}: {}); the file stays for a restart",
                    file.getFileName(), execution.getId(), reason);
            return new ImportOutcome(Result.FAILED, record == null ? null : record.extractId(), checksum, 0, 0, 0, 0, 0, 0,
                    null, null, "job execution " + execution.getId() + " " + execution.getStatus() + ": " + reason);
        }
        Path archived = archive(file);
        if (record.status() == ExtractRecord.Status.REJECTED) {
            return outcome(Result.REJECTED, record, checksum, archived, record.statusReason());
        }
        return outcome(Result.APPLIED, record, checksum, archived, "extract " + record.extractId() + " applied: "
                + record.newFacts() + " new, " + record.changedFacts() + " changed, " + record.endedFacts() + " ended, "
                + record.withdrawnFacts() + " withdrawn, " + record.errorRows() + " invalid rows reported");
    }

    private static ImportOutcome outcome(Result result, ExtractRecord e, String checksum, Path archived, String message) {
        Path report = StageExtractTasklet.errorReportOf(archived);
        return new ImportOutcome(result, e.extractId(), checksum, e.stagedRows(), e.errorRows(), e.newFacts(),
                e.changedFacts(), e.endedFacts(), e.withdrawnFacts(), Files.exists(report) ? report : null, archived, message);
    }

    private long attempts(String checksum) {
        JobParameters identifying = new JobParametersBuilder()
                .addString(RegisterImportJobConfiguration.CHECKSUM, checksum, true).toJobParameters();
        JobInstance instance = jobRepository.getJobInstance(RegisterImportJobConfiguration.JOB_NAME, identifying);
        return instance == null ? 0 : jobRepository.getJobExecutions(instance).stream()
                .filter(e -> e.getStatus() == BatchStatus.FAILED).count();
    }

    /** Moves the extract, and its error report if there is one, to {@code <archive>/<today>/}. */
    private Path archive(Path file) {
        try {
            Path day = Files.createDirectories(archiveDir.resolve(LocalDate.now(SWEDEN).toString()));
            Path target = day.resolve(file.getFileName());
            if (Files.exists(target)) {
                target = day.resolve(file.getFileName() + "." + checksum(file).substring(0, 12));
            }
            Path report = StageExtractTasklet.errorReportOf(file);
            if (Files.exists(report)) {
                move(report, StageExtractTasklet.errorReportOf(target));
            }
            move(file, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive register extract " + file.getFileName(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String checksum(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) != -1) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read register extract " + file.getFileName(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
