package se.leka.admin;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
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
 * refused while the instance that owns a STARTED execution is alive (see {@link Instances}): Spring
 * Batch's own {@code recover} would mark a running execution FAILED without looking. Recover also
 * takes an UNKNOWN execution, which Spring Batch's own {@code recover} leaves as it is.
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

    /**
     * Makes a dead execution restartable by marking it FAILED. Two kinds are dead:
     * <ul>
     * <li>STARTED, STARTING or STOPPING whose owning instance is verifiably dead (crash, kill -9):
     *     nothing will ever finish it, Spring Batch's own {@code recover} marks it FAILED;</li>
     * <li>UNKNOWN: Spring Batch could not write how a chunk or step ended (the database went away
     *     mid-commit, e.g. PostgreSQL restarted) and refuses to restart such an execution or step
     *     until someone has decided it is safe — see {@link #recoverUnknown}.</li>
     * </ul>
     * One action for both, so that an operator facing "it did not finish" has one button, not a
     * choice between two whose difference is Spring Batch's internals.
     */
    Result recover(long executionId, String actor) {
        return act("RECOVER", executionId, actor, execution -> {
            if (execution.getStatus() == BatchStatus.UNKNOWN) {
                return recoverUnknown(execution);
            }
            if (!execution.getStatus().isRunning()) {
                return Result.refused(executionId, "only a STARTED, STARTING, STOPPING or UNKNOWN execution can be recovered;"
                        + " this one is " + execution.getStatus());
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
     * Marks an UNKNOWN execution, and its UNKNOWN and still-running step executions (partitions
     * included), FAILED so that {@code JobOperator.restart} accepts it.
     *
     * <p>Why this is safe: Spring Batch sets UNKNOWN when it cannot tell whether a chunk's
     * transaction committed (commit or rollback failed, or the repository update after a step).
     * Every job here keeps its checkpoint (the step's execution context) in the same transaction,
     * on the same database, as the chunk's business rows, so whatever the database kept is a
     * consistent state and a restart continues exactly from it; files are written up to a byte
     * position that is part of that checkpoint.
     *
     * <p>Why it may be done while the owner lives: the job execution's own status becomes UNKNOWN
     * only in Spring Batch's last write of the execution, the one that also sets its end time —
     * after every step, partition and listener has finished. An owner that is alive no longer runs
     * it (the PostgreSQL restart case: the application survived, the execution did not). An UNKNOWN
     * without an end time was not written that way, so nothing proves it has ended: then, as for a
     * STARTED execution, the owner must be verifiably dead.
     */
    private Result recoverUnknown(JobExecution execution) {
        long executionId = execution.getId();
        String ownerText = "";
        if (execution.getEndTime() == null) {
            var owner = instances.ownerOf(executionId);
            if (owner.isEmpty()) {
                return Result.refused(executionId, "UNKNOWN without an end time and no owning instance recorded, so it cannot be"
                        + " verified ended; see ops/admin.md");
            }
            if (owner.get().alive()) {
                return Result.refused(executionId, "UNKNOWN without an end time and its owner is alive: " + owner.get().describe()
                        + "; it may still be running: stop it, or wait until the owner's heartbeat is older than the dead-after"
                        + " threshold");
            }
            ownerText = "; its owner is dead, " + owner.get().describe();
        }
        LocalDateTime now = LocalDateTime.now();
        int steps = 0;
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(failedFrom(step.getExitStatus()));
                if (step.getEndTime() == null) {
                    step.setEndTime(now);
                }
                jobRepository.update(step);
                steps++;
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(failedFrom(execution.getExitStatus()));
        if (execution.getEndTime() == null) {
            execution.setEndTime(now);
        }
        jobRepository.update(execution);
        log.info("Execution {} recovered from UNKNOWN: marked FAILED with {} step execution(s)", executionId, steps);
        return Result.done(executionId, "recovered from UNKNOWN (marked FAILED, with " + steps + " step execution(s))"
                + ownerText + "; it can now be restarted and continues from the last commit the database kept");
    }

    /** FAILED, keeping what Spring Batch recorded of the failure for the operator to read. */
    private static ExitStatus failedFrom(ExitStatus before) {
        String description = before == null ? "" : before.getExitDescription();
        return new ExitStatus(ExitStatus.FAILED.getExitCode(), "Recovered from UNKNOWN (was exit code "
                + (before == null ? "none" : before.getExitCode()) + ")" + (description.isEmpty() ? "" : "; " + description));
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
