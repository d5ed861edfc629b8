package se.leka.register;

import java.time.Clock;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code register-import} job (card: {@code jobs/register-import/README.md}): {@code stage}
 * (read, validate, bulk-load, error report; runs again on every restart) then {@code merge} (one
 * transaction). A run is identified by the extract file's SHA-256 ({@value #CHECKSUM}); the file's
 * path ({@value #FILE}) is not identifying, so a restart continues the same job instance.
 */
@Configuration(proxyBeanMethods = false)
class RegisterImportJobConfiguration {

    static final String JOB_NAME = "register-import";
    static final String CHECKSUM = "extractChecksum";
    static final String FILE = "extractFile";

    @Bean(name = JOB_NAME)
    Job registerImportJob(JobRepository jobRepository, Step registerImportStage, Step registerImportMerge) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(registerImportStage)
                .next(registerImportMerge)
                .build();
    }

    @Bean
    Step registerImportStage(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             ExtractStore extracts, RegisterDatabase database, JdbcClient jdbc,
                             ObjectProvider<MergeCheckpoint> checkpoints) {
        return new StepBuilder("register-import.stage", jobRepository)
                .tasklet(new StageExtractTasklet(extracts, database, jdbc, Clock.systemUTC(), checkpoint(checkpoints)),
                        transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step registerImportMerge(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             ExtractStore extracts, RegisterDatabase database, JdbcClient jdbc,
                             ObjectProvider<MergeCheckpoint> checkpoints) {
        return new StepBuilder("register-import.merge", jobRepository)
                .tasklet(new MergeExtractTasklet(extracts, database, jdbc, Clock.systemUTC(), checkpoint(checkpoints)),
                        transactionManager)
                .build();
    }

    private static MergeCheckpoint checkpoint(ObjectProvider<MergeCheckpoint> checkpoints) {
        return stage -> checkpoints.ifAvailable(c -> c.reached(stage));
    }
}
