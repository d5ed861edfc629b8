package se.leka.admin;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.stereotype.Service;

import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;

/**
 * What operators do to jobs and executions — launch, restart, stop, abandon, recover — each
 * checked, carried out through Spring Batch's {@code JobOperator}, and recorded in the operator
 * action log whether it was done or refused.
 *
 * <p>Launches and restarts run on the admin's own thread pool ({@code leka.admin.launch-threads}):
 * the HTTP request returns as soon as the execution exists, not when the job ends. Recover is
 * refused while the instance that owns the execution is alive (see {@link Instances}): Spring
 * Batch's own {@code recover} would mark a running execution FAILED without looking.
 */
@Service
class ExecutionActions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExecutionActions.class);
    static final String TARGET_EXECUTION = "JOB_EXECUTION";
    static final String TARGET_JOB = "JOB";

    /** The outcome of an action: done (with the execution it concerns) or refused (with the reason). */
    public record Result(boolean done, Long executionId, String message) {

        static Result done(long executionId, String message) {
            return new Result(true, executionId, message);
        }

        static Result refused(Long executionId, String message) {
            return new Result(false, executionId, message);
        }
    }

    private final JobRepository jobRepository;
    private final JobCatalogue catalogue;
    private final ExecutionQueries queries;
    private final Instances instances;
    private final OperatorActionLog actionLog;
    private final ThreadPoolTaskExecutor launchExecutor;
    private final SingletonSupplier<TaskExecutorJobOperator> operator;

    ExecutionActions(JobRepository jobRepository, JobCatalogue catalogue, ExecutionQueries queries, Instances instances,
                     OperatorActionLog actionLog, AdminProperties properties) {
        this.jobRepository = jobRepository;
        this.catalogue = catalogue;
        this.queries = queries;
        this.instances = instances;
        this.actionLog = actionLog;
        this.launchExecutor = new ThreadPoolTaskExecutor();
        launchExecutor.setThreadNamePrefix("admin-launch-");
        launchExecutor.setCorePoolSize(properties.launchThreads());
        launchExecutor.setMaxPoolSize(properties.launchThreads());
        launchExecutor.setWaitForTasksToCompleteOnShutdown(true);
        launchExecutor.setAwaitTerminationSeconds(30);
        launchExecutor.initialize();
        this.operator = SingletonSupplier.of(() -> catalogue.operator(launchExecutor));
    }

    Result restart(long executionId, String actor) {
        return act("RESTART", executionId, actor, execution -> {
            if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
                return Result.refused(executionId, "only a FAILED or STOPPED execution can be restarted; this one is "
                        + execution.getStatus());
            }
            if (catalogue.job(jobName(execution)).isEmpty()) {
                return Result.refused(executionId, "job " + jobName(execution) + " is not deployed in this application");
            }
            JobExecution next = operator().restart(execution);
            return Result.done(next.getId(), "restarted as execution " + next.getId());
        });
    }

    Result stop(long executionId, String actor) {
        return act("STOP", executionId, actor, execution -> {
            if (execution.getStatus() != BatchStatus.STARTED && execution.getStatus() != BatchStatus.STARTING) {
                return Result.refused(executionId, "only a running execution can be stopped; this one is " + execution.getStatus());
            }
            operator().stop(execution);
            return Result.done(executionId, "stop requested; the execution stops at its next chunk or step boundary");
        });
    }

    Result abandon(long executionId, String actor) {
        return act("ABANDON", executionId, actor, execution -> {
            if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
                return Result.refused(executionId, "only a FAILED or STOPPED execution can be abandoned; this one is "
                        + execution.getStatus() + (execution.isRunning() ? " (use recover for a stuck execution)" : ""));
            }
            operator().abandon(execution);
            return Result.done(executionId, "abandoned: it will never be restarted");
        });
    }

    Result recover(long executionId, String actor) {
        return act("RECOVER", executionId, actor, execution -> {
            if (!execution.getStatus().isRunning()) {
                return Result.refused(executionId, "only a STARTED, STARTING or STOPPING execution can be recovered; this one is "
                        + execution.getStatus());
            }
            var owner = instances.ownerOf(executionId);
            if (owner.isEmpty()) {
                return Result.refused(executionId, "no owning instance is recorded for this execution, so it cannot be verified"
                        + " dead; see ops/admin.md");
            }
            if (owner.get().alive()) {
                return Result.refused(executionId, "its owner is alive: " + owner.get().describe()
                        + "; stop it instead, or wait until the owner's heartbeat is older than the dead-after threshold");
            }
            operator().recover(execution);
            return Result.done(executionId, "recovered (marked FAILED): its owner is dead, " + owner.get().describe()
                    + "; it can now be restarted");
        });
    }

    /**
     * Launches a job with string parameters (all identifying), plus {@value JobCatalogue#RUN_DATE_PARAMETER}
     * as a date when given. The job's own validator decides whether they are acceptable.
     */
    Result launch(String jobName, Map<String, String> parameters, LocalDate runDate, String actor) {
        Map<String, String> given = new TreeMap<>();
        parameters.forEach((k, v) -> {
            if (k != null && !k.isBlank() && v != null && !v.isBlank()) {
                given.put(k.trim(), v.trim());
            }
        });
        String detail = "parameters " + given + (runDate != null ? ", runDate " + runDate : "");
        Result result;
        try {
            Job job = catalogue.job(jobName).orElse(null);
            if (job == null) {
                result = Result.refused(null, "job " + jobName + " is not deployed in this application");
            } else {
                JobParametersBuilder builder = new JobParametersBuilder();
                given.forEach(builder::addString);
                if (runDate != null) {
                    builder.addLocalDate(JobCatalogue.RUN_DATE_PARAMETER, runDate);
                }
                JobParameters jobParameters = builder.toJobParameters();
                rejectUndeclared(catalogue.info(jobName), jobParameters);
                job.getJobParametersValidator().validate(jobParameters);
                JobExecution execution = operator().start(job, jobParameters);
                result = Result.done(execution.getId(), "launched as execution " + execution.getId());
            }
        } catch (InvalidJobParametersException e) {
            result = Result.refused(null, "invalid parameters: " + e.getMessage());
        } catch (Exception e) {
            result = Result.refused(null, e.getMessage());
        }
        actionLog.record(actor, "LAUNCH", TARGET_JOB, jobName, detail, result.done() ? OperatorAction.DONE : OperatorAction.REFUSED,
                result.message());
        return result;
    }

    /**
     * Spring Batch's {@code DefaultJobParametersValidator} only warns about keys it does not know;
     * the admin refuses them when the job declares its parameters, so a typo never launches a run.
     */
    private static void rejectUndeclared(JobCatalogue.JobInfo job, JobParameters parameters) throws InvalidJobParametersException {
        if (!job.parametersDeclared()) {
            return;
        }
        java.util.Set<String> undeclared = new java.util.TreeSet<>(parameters.parameters().stream()
                .map(org.springframework.batch.core.job.parameters.JobParameter::name).toList());
        undeclared.removeAll(job.requiredKeys());
        undeclared.removeAll(job.optionalKeys());
        if (!undeclared.isEmpty()) {
            throw new InvalidJobParametersException("job " + job.name() + " does not declare " + undeclared
                    + "; it takes required " + job.requiredKeys() + ", optional " + job.optionalKeys());
        }
    }

    private interface Action {
        Result apply(JobExecution execution) throws Exception;
    }

    private Result act(String action, long executionId, String actor, Action body) {
        JobExecution execution = queries.find(executionId);
        Result result;
        String detail = null;
        if (execution == null) {
            result = Result.refused(executionId, "execution " + executionId + " does not exist");
        } else {
            detail = "job " + jobName(execution) + ", status " + execution.getStatus();
            try {
                result = body.apply(execution);
            } catch (Exception e) {
                log.info("{} of execution {} refused by Spring Batch: {}", action, executionId, e.toString());
                result = Result.refused(executionId, e.getMessage());
            }
        }
        actionLog.record(actor, action, TARGET_EXECUTION, Long.toString(executionId), detail,
                result.done() ? OperatorAction.DONE : OperatorAction.REFUSED, result.message());
        return result;
    }

    private static String jobName(JobExecution execution) {
        return execution.getJobInstance().getJobName();
    }

    /** Built on first use, when every job bean exists. */
    private TaskExecutorJobOperator operator() {
        return operator.obtain();
    }

    @Override
    public void destroy() {
        launchExecutor.shutdown();
    }
}
