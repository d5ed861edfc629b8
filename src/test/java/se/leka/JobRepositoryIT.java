package se.leka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import se.leka.testsupport.LekaIntegrationTest;

/**
 * Spring Batch keeps its state in our database (the Flyway-created BATCH_ tables), and a failed
 * run identified by business parameters is restarted as the same job instance: the contract every
 * LEKA job's restart rules build on.
 */
@LekaIntegrationTest
class JobRepositoryIT {

    static final AtomicBoolean FAIL_NEXT = new AtomicBoolean();

    @TestConfiguration
    static class FailOnceJob {
        @Bean
        Job failOnceJob(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
            return new JobBuilder("fail-once", jobRepository)
                    .start(new StepBuilder("work", jobRepository)
                            .tasklet((contribution, chunkContext) -> {
                                if (FAIL_NEXT.getAndSet(false)) {
                                    throw new IllegalStateException("injected failure");
                                }
                                return RepeatStatus.FINISHED;
                            }, transactionManager)
                            .build())
                    .build();
        }
    }

    @Autowired
    JobOperator jobOperator;
    @Autowired
    Job failOnceJob;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_failed_run_restarts_as_the_same_instance_and_both_runs_are_recorded() throws Exception {
        JobParameters identifying = new JobParametersBuilder()
                .addString("inboundFileChecksum", "9f86d081884c7d659a2feaa0c55ad015")
                .toJobParameters();
        FAIL_NEXT.set(true);

        JobExecution first = jobOperator.start(failOnceJob, identifying);
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);

        JobExecution second = jobOperator.restart(first);
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(second.getJobInstance().getInstanceId()).isEqualTo(first.getJobInstance().getInstanceId());

        assertThat(jdbc.sql("SELECT status FROM batch_job_execution WHERE job_instance_id = ? ORDER BY job_execution_id")
                .param(first.getJobInstance().getInstanceId()).query(String.class).list())
                .containsExactly("FAILED", "COMPLETED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch_step_execution WHERE job_execution_id IN (?, ?)")
                .params(first.getId(), second.getId()).query(Long.class).single()).isEqualTo(2L);
    }
}
