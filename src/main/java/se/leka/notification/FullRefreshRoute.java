package se.leka.notification;

import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import se.leka.exchange.AcceptedInboundFile;
import se.leka.exchange.InboundFileRoute;
import se.leka.format.FileType;

/**
 * Takes whole-stock refresh requests (HELU) from the SFTP intake and starts {@code full-refresh}
 * for the file on a thread of its own, so intake does not wait. The file's id and checksum identify
 * the run: handing the same file over again restarts a failed or stopped run (continuing from its
 * last commit) and leaves a running or finished one alone.
 */
@Component
class FullRefreshRoute implements InboundFileRoute, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FullRefreshRoute.class);

    private final JobRepository jobRepository;
    private final Job job;
    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    private final TaskExecutorJobOperator operator = new TaskExecutorJobOperator();

    FullRefreshRoute(JobRepository jobRepository, @Qualifier(FullRefreshJobConfiguration.JOB_NAME) Job job) throws Exception {
        this.jobRepository = jobRepository;
        this.job = job;
        executor.setCorePoolSize(1);
        executor.setThreadNamePrefix("full-refresh-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.initialize();
        MapJobRegistry registry = new MapJobRegistry();
        registry.register(job);
        operator.setJobRepository(jobRepository);
        operator.setJobRegistry(registry);
        operator.setTaskExecutor(executor);
        operator.afterPropertiesSet();
    }

    @Override
    public FileType fileType() {
        return FileType.HELU;
    }

    @Override
    public long start(AcceptedInboundFile file) throws Exception {
        JobParameters parameters = parameters(file);
        JobInstance instance = jobRepository.getJobInstance(job.getName(), parameters);
        JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (last == null) {
            return operator.start(job, parameters).getId();
        }
        if (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED) {
            log.info("Restarting full-refresh execution {} for {}", last.getId(), file.fileName());
            return operator.restart(last).getId();
        }
        log.info("full-refresh already has execution {} ({}) for {}; not started again", last.getId(), last.getStatus(),
                file.fileName());
        return last.getId();
    }

    static JobParameters parameters(AcceptedInboundFile file) {
        return new JobParametersBuilder()
                .addLong(FullRefreshJobConfiguration.FILE_ID, file.id())
                .addString(FullRefreshJobConfiguration.CHECKSUM, file.sha256())
                .addLong(FullRefreshJobConfiguration.RECORD_COUNT, file.recordCount(), false)
                .addString(FullRefreshJobConfiguration.FILE_NAME, file.fileName().toString(), false)
                .addString(FullRefreshJobConfiguration.MAILBOX, file.mailbox().relativeDir(), false)
                .addString(FullRefreshJobConfiguration.PARTNER, file.mailbox().party().value(), false)
                .addString(FullRefreshJobConfiguration.RECEIVED_AT,
                        file.receivedAt().atZoneSameInstant(ZoneId.of("Europe/Stockholm")).toLocalDateTime().withNano(0).toString(), false)
                .toJobParameters();
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
