package se.leka.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Starts the order room's jobs in the background (a small pool of its own, size
 * {@code leka.order.job-threads}), so that whoever hands over a file — intake — gets the execution
 * id at once. A file whose earlier run failed or stopped is restarted, never started afresh, so it
 * continues the same job instance from its last commit.
 */
@Component
class OrderJobLauncher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrderJobLauncher.class);

    private final JobRepository jobRepository;
    private final ThreadPoolTaskExecutor executor;
    private final TaskExecutorJobOperator operator;
    private final MapJobRegistry jobRegistry = new MapJobRegistry();

    OrderJobLauncher(JobRepository jobRepository, @Value("${leka.order.job-threads:2}") int threads) throws Exception {
        this.jobRepository = jobRepository;
        this.executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setThreadNamePrefix("order-job-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.initialize();
        this.operator = new TaskExecutorJobOperator();
        // Only the jobs this launcher is handed, so that a restart finds its job by name.
        operator.setJobRepository(jobRepository);
        operator.setJobRegistry(jobRegistry);

        operator.setTaskExecutor(executor);
        operator.afterPropertiesSet();
    }

    long startOrRestart(Job job, JobParameters parameters) throws Exception {
        synchronized (jobRegistry) {
            if (!jobRegistry.getJobNames().contains(job.getName())) {
                jobRegistry.register(job);
            }
        }
        JobInstance instance = jobRepository.getJobInstance(job.getName(), parameters);
        if (instance != null) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last != null && (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED)) {
                log.info("Restarting {} execution {} for the same file", job.getName(), last.getId());
                return operator.restart(last).getId();
            }
            if (last != null) {
                log.info("{} already has execution {} ({}) for this file; not started again", job.getName(), last.getId(),
                        last.getStatus());
                return last.getId();
            }
        }
        return operator.start(job, parameters).getId();
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
