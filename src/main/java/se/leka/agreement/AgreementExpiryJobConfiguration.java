package se.leka.agreement;

import java.time.LocalDate;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The nightly {@code agreement-expiry} job (card: {@code jobs/agreement-expiry/README.md}):
 * {@code final-notices} → {@code agreements} → {@code assignments}, for the business date
 * {@code runDate} (its only, identifying parameter). The steps have no step transaction: each
 * change commits in its own, and the events it publishes are handled by listeners that manage
 * their own (see {@link AgreementExpiry}).
 */
@Configuration(proxyBeanMethods = false)
class AgreementExpiryJobConfiguration {

    static final String JOB_NAME = "agreement-expiry";
    static final String RUN_DATE = "runDate";
    private static final Logger log = LoggerFactory.getLogger(AgreementExpiryJobConfiguration.class);

    @Bean(name = JOB_NAME)
    Job agreementExpiryJob(JobRepository jobRepository, Step expiryFinalNotices, Step expiryAgreements, Step expiryAssignments) {
        String completed = ExitStatus.COMPLETED.getExitCode();
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {RUN_DATE}, new String[0]))
                .start(expiryFinalNotices).on(completed).to(expiryAgreements)
                .from(expiryFinalNotices).on("*").fail()
                .from(expiryAgreements).on(completed).to(expiryAssignments)
                .from(expiryAgreements).on("*").fail()
                .from(expiryAssignments).on(completed).end()
                .from(expiryAssignments).on("*").fail()
                .end()
                .build();
    }

    @Bean
    Step expiryFinalNotices(JobRepository jobRepository, AgreementExpiry expiry) {
        return step("agreement-expiry.final-notices", "final notices before access closes", jobRepository, expiry::finalNotices);
    }

    @Bean
    Step expiryAgreements(JobRepository jobRepository, AgreementExpiry expiry) {
        return step("agreement-expiry.agreements", "agreements ended", jobRepository, expiry::endAgreements);
    }

    @Bean
    Step expiryAssignments(JobRepository jobRepository, AgreementExpiry expiry) {
        return step("agreement-expiry.assignments", "agent assignments ended", jobRepository, expiry::endAssignments);
    }

    /** One part of {@link AgreementExpiry} for the run date, counted as written items. */
    private static Step step(String name, String what, JobRepository jobRepository, BiFunction<LocalDate, Long, Integer> part) {
        return new StepBuilder(name, jobRepository)
                .tasklet((contribution, chunk) -> {
                    int n = part.apply(runDate(chunk), jobExecutionId(chunk));
                    log.info("{} {}", n, what);
                    contribution.incrementWriteCount(n);
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }

    private static LocalDate runDate(ChunkContext chunk) {
        return (LocalDate) chunk.getStepContext().getJobParameters().get(RUN_DATE);
    }

    private static long jobExecutionId(ChunkContext chunk) {
        return chunk.getStepContext().getStepExecution().getJobExecutionId();
    }
}
