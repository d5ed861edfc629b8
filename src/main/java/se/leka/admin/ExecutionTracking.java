package se.leka.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import se.leka.audit.JobLog;

/**
 * Added to every job in the context (every {@link AbstractJob} bean, so no job has to opt in):
 * while an execution runs, this instance owns it ({@link Instances#claim}) and its log lines are
 * captured into its job log ({@link JobLog}, keyed by the MDC key {@value JobLog#MDC_EXECUTION}).
 */
@Component
class ExecutionTracking implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(ExecutionTracking.class);

    private final ObjectProvider<Instances> instances;
    private final ObjectProvider<JobLog> jobLog;

    ExecutionTracking(ObjectProvider<Instances> instances, ObjectProvider<JobLog> jobLog) {
        this.instances = instances;
        this.jobLog = jobLog;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(new Listener());
        }
        return bean;
    }

    private final class Listener implements JobExecutionListener {

        @Override
        public void beforeJob(JobExecution execution) {
            jobLog.getObject().beginCapture(execution.getId());
            Instances owner = instances.getObject();
            owner.claim(execution.getId());
            log.info("Execution {} of job {} started on instance {} with parameters {}", execution.getId(),
                    execution.getJobInstance().getJobName(), owner.id(), execution.getJobParameters());
        }

        @Override
        public void afterJob(JobExecution execution) {
            log.info("Execution {} of job {} ends {} (exit code {})", execution.getId(),
                    execution.getJobInstance().getJobName(), execution.getStatus(), execution.getExitStatus().getExitCode());
            jobLog.getObject().endCapture(execution.getId());
        }
    }
}
