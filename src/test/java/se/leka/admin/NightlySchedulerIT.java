package se.leka.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import se.leka.LekaExchangeApplication;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * Two application instances on one database (this test's context and a second one started on the
 * same schema): each nightly run (job + runDate) is run by exactly one of them, whether they race
 * for the same firing or both catch up missed dates at start-up; and a caught-up date is not run again.
 */
@LekaIntegrationTest(properties = "leka.scheduler.catch-up-days=3")
class NightlySchedulerIT {

    static final String EXPIRY = "agreement-expiry";
    static ConfigurableApplicationContext second;
    static Path secondDataDir;

    @Autowired
    NightlyScheduler scheduler;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;

    @BeforeEach
    void startTheSecondInstance() throws Exception {
        if (second != null) {
            return;
        }
        secondDataDir = Files.createTempDirectory("leka-it-second-instance-");
        // As command-line arguments: above application.yml, as the test's own properties are for this context.
        Map<String, Object> properties = new HashMap<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.flyway.schemas", "spring.flyway.default-schema", "leka.scheduler.catch-up-days")) {
            String value = environment.getProperty(key);
            if (value != null) {
                properties.put(key, value);
            }
        }
        properties.put("leka.data-dir", secondDataDir.toString());
        properties.put("server.port", "0");
        second = new SpringApplicationBuilder(LekaExchangeApplication.class).profiles("it")
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @AfterAll
    static void stopTheSecondInstance() {
        if (second != null) {
            second.close();
            FileSystemUtils.deleteRecursively(secondDataDir.toFile());
        }
    }

    NightlyScheduler secondScheduler() {
        return second.getBean(NightlyScheduler.class);
    }

    /** Calls {@code action} on both instances at the same moment; returns both results. */
    <T> List<T> both(Function<NightlyScheduler, T> action) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<CompletableFuture<T>> calls = new ArrayList<>();
        for (NightlyScheduler instance : List.of(scheduler, secondScheduler())) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return action.apply(instance);
            }));
        }
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> call : calls) {
            results.add(call.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    void awaitNothingRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING')")
                .query(Long.class).single() == 0);
    }

    List<JobExecution> executions(String job, LocalDate runDate) {
        JobInstance instance = jobRepository.getJobInstance(job, new JobParametersBuilder()
                .addLocalDate(JobCatalogue.RUN_DATE_PARAMETER, runDate).toJobParameters());
        return instance == null ? List.of() : jobRepository.getJobExecutions(instance);
    }

    @Test
    void two_instances_firing_the_same_run_start_it_once() throws Exception {
        for (int day = 1; day <= 5; day++) {
            LocalDate runDate = LocalDate.of(2030, 1, day);
            List<Optional<JobExecution>> started = both(s -> s.runFor(EXPIRY, runDate, false));
            awaitNothingRunning();

            assertThat(started).as("run date %s", runDate).filteredOn(Optional::isPresent).hasSize(1);
            assertThat(executions(EXPIRY, runDate)).as("run date %s", runDate).singleElement()
                    .extracting(JobExecution::getStatus).isEqualTo(BatchStatus.COMPLETED);
        }
        // A run that is complete is not started again, by either.
        assertThat(both(s -> s.runFor(EXPIRY, LocalDate.of(2030, 1, 1), true))).allMatch(Optional::isEmpty);
        assertThat(executions(EXPIRY, LocalDate.of(2030, 1, 1))).hasSize(1);
    }

    @Test
    void missed_runs_are_caught_up_once_by_one_of_the_instances() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(NightlyScheduler.SWEDEN);
        List<NightlyScheduler.Due> due = NightlyScheduler.missed(scheduler.schedules(), now, 3);
        assertThat(due).extracting(NightlyScheduler.Due::jobName).contains(EXPIRY);

        List<List<JobExecution>> started = both(s -> s.catchUp(now));
        awaitNothingRunning();

        assertThat(started.get(0).size() + started.get(1).size()).isEqualTo(due.size());
        for (NightlyScheduler.Due run : due) {
            assertThat(executions(run.jobName(), run.runDate())).as("%s for %s", run.jobName(), run.runDate()).hasSize(1);
        }
        assertThat(due).filteredOn(d -> d.jobName().equals(EXPIRY))
                .allSatisfy(d -> assertThat(executions(EXPIRY, d.runDate()).get(0).getStatus()).isEqualTo(BatchStatus.COMPLETED));

        assertThat(both(s -> s.catchUp(now))).as("a second start-up finds nothing missed").allMatch(List::isEmpty);
    }

    @Test
    void a_run_whose_decision_another_instance_holds_is_decided_once_it_is_released_not_skipped() throws Exception {
        LocalDate runDate = LocalDate.of(2030, 3, 1);
        // Another instance is deciding a run of the same job right now.
        scheduler.lease(EXPIRY);
        jdbc.sql("UPDATE scheduler_lock SET owner = 'another-instance' WHERE job_name = ?").param(EXPIRY).update();

        CompletableFuture<Optional<JobExecution>> decision = CompletableFuture.supplyAsync(() -> secondScheduler()
                .runFor(EXPIRY, runDate, false));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !decision.isDone());

        jdbc.sql("UPDATE scheduler_lock SET owner = NULL, locked_at = NULL WHERE job_name = ?").param(EXPIRY).update();
        assertThat(decision.get(30, TimeUnit.SECONDS)).as("started once the lease was free").isPresent();
        awaitNothingRunning();
        assertThat(executions(EXPIRY, runDate)).singleElement().extracting(JobExecution::getStatus).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void a_failed_run_is_left_to_an_operator_by_the_firing_and_restarted_by_the_catch_up() throws Exception {
        LocalDate runDate = LocalDate.of(2030, 2, 1);
        JobExecution first = scheduler.runFor(EXPIRY, runDate, false).orElseThrow();
        awaitNothingRunning();
        // Make it look as if it had failed (a crash): the run exists, so a firing does not start it afresh.
        jdbc.sql("UPDATE batch_job_execution SET status = 'FAILED', exit_code = 'FAILED' WHERE job_execution_id = ?")
                .param(first.getId()).update();
        jdbc.sql("UPDATE batch_step_execution SET status = 'FAILED', exit_code = 'FAILED' WHERE job_execution_id = ?")
                .param(first.getId()).update();

        assertThat(secondScheduler().runFor(EXPIRY, runDate, false)).isEmpty();
        Optional<JobExecution> restarted = secondScheduler().runFor(EXPIRY, runDate, true);
        awaitNothingRunning();
        assertThat(restarted).isPresent();
        assertThat(executions(EXPIRY, runDate)).extracting(JobExecution::getStatus)
                .containsExactlyInAnyOrder(BatchStatus.FAILED, BatchStatus.COMPLETED);
    }
}
