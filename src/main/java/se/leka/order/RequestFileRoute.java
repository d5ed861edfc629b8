package se.leka.order;

import java.time.ZoneId;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import se.leka.exchange.AcceptedInboundFile;
import se.leka.exchange.InboundFileRoute;
import se.leka.format.FileType;

/**
 * Takes request files of one type from the SFTP intake — order files (BEST) for {@code order-intake},
 * query files (FRAG) for {@code query-answer} — and starts the job for the file on the order room's
 * own launcher, so that intake does not wait for it. The file's id and checksum identify the run;
 * starting it again for the same file continues the same instance.
 */
class RequestFileRoute implements InboundFileRoute {

    private final FileType fileType;
    private final OrderJobLauncher launcher;
    private final Job job;

    RequestFileRoute(FileType fileType, OrderJobLauncher launcher, Job job) {
        this.fileType = fileType;
        this.launcher = launcher;
        this.job = job;
    }

    @Override
    public FileType fileType() {
        return fileType;
    }

    @Override
    public long start(AcceptedInboundFile file) throws Exception {
        return launcher.startOrRestart(job, parameters(file));
    }

    static JobParameters parameters(AcceptedInboundFile file) {
        return new JobParametersBuilder()
                .addLong(OrderIntakeJobConfiguration.FILE_ID, file.id())
                .addString(OrderIntakeJobConfiguration.CHECKSUM, file.sha256())
                .addString(OrderIntakeJobConfiguration.FILE, file.path().toAbsolutePath().toString(), false)
                .addString(OrderIntakeJobConfiguration.FILE_NAME, file.fileName().toString(), false)
                .addString(OrderIntakeJobConfiguration.MAILBOX, file.mailbox().relativeDir(), false)
                .addString(OrderIntakeJobConfiguration.PARTNER, file.startRecord().party().value(), false)
                .addString(OrderIntakeJobConfiguration.RECEIVED_AT,
                        file.receivedAt().atZoneSameInstant(ZoneId.of("Europe/Stockholm")).toLocalDateTime().withNano(0).toString(), false)
                .toJobParameters();
    }
}
