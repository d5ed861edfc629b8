package se.leka.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import se.leka.audit.JobLog;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The executions side of the admin on a real database: list and filters, detail with steps,
 * progress and job log, and the actions — restart, stop, abandon, recover (refused while the owner
 * lives) and launch with declared parameters — each recorded in the operator action log.
 */
@LekaIntegrationTest
@AutoConfigureMockMvc
@Import(AdminTestJobs.class)
class AdminExecutionsIT {

    static final RequestPostProcessor OPERATOR = user("olle").roles("OPERATOR");
    static final RequestPostProcessor AUDITOR = user("anna").roles("AUDITOR");

    @Autowired
    MockMvc mvc;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    @Qualifier("adminFailOnceJob")
    Job failOnceJob;
    @Autowired
    @Qualifier("adminUnknownOnceJob")
    Job unknownOnceJob;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JobLog jobLog;

    @AfterEach
    void release() {
        AdminTestJobs.RELEASE.get().countDown();
    }

    JobExecution failedRun(String partner, String file) throws Exception {
        AdminTestJobs.FAIL.set(true);
        JobExecution failed = jobOperator.start(failOnceJob, new JobParametersBuilder()
                .addString("partner", partner).addString("fileName", file).toJobParameters());
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        return failed;
    }

    BatchStatus statusOf(long id) {
        return jobRepository.getJobExecution(id).getStatus();
    }

    @Test
    void the_list_filters_by_job_status_partner_file_and_date_and_pages() throws Exception {
        JobExecution failed = failedRun("5566778899", "5566778899_BEST_20261130_0000042.txt");
        String id = Long.toString(failed.getId());

        mvc.perform(get("/executions").param("status", "FAILED").param("partner", "556677-8899").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-execution-id=\"" + id + "\"")));
        mvc.perform(get("/executions").param("file", "BEST_20261130").param("job", AdminTestJobs.FAIL_ONCE).with(OPERATOR))
                .andExpect(content().string(Matchers.containsString("data-execution-id=\"" + id + "\"")));
        mvc.perform(get("/executions").param("partner", "2021998881").with(OPERATOR))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-execution-id=\"" + id + "\""))));
        mvc.perform(get("/executions").param("status", "COMPLETED").param("job", AdminTestJobs.FAIL_ONCE).with(OPERATOR))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-execution-id=\"" + id + "\""))));
        mvc.perform(get("/executions").param("from", "2001-01-01").param("to", "2001-01-02").with(OPERATOR))
                .andExpect(content().string(Matchers.containsString("No executions match")));

        failedRun("5566778899", "5566778899_BEST_20261130_0000043.txt");
        mvc.perform(get("/api/executions").param("job", AdminTestJobs.FAIL_ONCE).param("size", "1").with(httpBasicOperator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows.length()").value(1))
                .andExpect(jsonPath("$.total").value(Matchers.greaterThanOrEqualTo(2)));
    }

    @Test
    void the_detail_shows_steps_exit_description_and_the_captured_job_log_with_personnummer_masked() throws Exception {
        JobExecution failed = failedRun("5566778899", "5566778899_BEST_20261130_0000044.txt");
        jobLog.flush();

        mvc.perform(get("/executions/{id}", failed.getId()).with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("injected failure")))
                .andExpect(content().string(Matchers.containsString("5566778899_BEST_20261130_0000044.txt")))
                .andExpect(content().string(Matchers.containsString("<td>work</td>")))
                .andExpect(content().string(Matchers.containsString("20000101-****")))
                .andExpect(content().string(Matchers.not(Matchers.containsString(AdminTestJobs.PERSONNUMMER_IN_LOG))))
                // auditors see no actions
                .andExpect(content().string(Matchers.not(Matchers.containsString("action-restart"))));

        mvc.perform(get("/executions/{id}/log", failed.getId()).with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", Matchers.containsString("execution-" + failed.getId() + ".log")))
                .andExpect(content().string(Matchers.containsString("Execution " + failed.getId() + " of job admin-fail-once started")))
                .andExpect(content().string(Matchers.containsString("java.lang.IllegalStateException: injected failure")))
                .andExpect(content().string(Matchers.containsString("ends FAILED")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_log WHERE message LIKE ?").param("%" + AdminTestJobs.PERSONNUMMER_IN_LOG + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void an_operator_restarts_a_failed_execution_after_confirming_and_it_completes() throws Exception {
        JobExecution failed = failedRun("5566778899", "5566778899_BEST_20261130_0000045.txt");

        mvc.perform(get("/executions/{id}/actions/restart", failed.getId()).with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Yes, restart")));
        String location = mvc.perform(post("/executions/{id}/actions/restart", failed.getId()).with(OPERATOR).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        long restarted = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(restarted).isNotEqualTo(failed.getId());

        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(restarted) == BatchStatus.COMPLETED);
        assertThat(jobRepository.getJobExecution(restarted).getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
        assertThat(jdbc.sql("SELECT actor || ' ' || action || ' ' || outcome FROM operator_action WHERE target_id = ?")
                .param(Long.toString(failed.getId())).query(String.class).list()).containsExactly("olle RESTART DONE");
        // the owner of the restarted execution is this, live, instance
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_execution_owner WHERE job_execution_id = ?").param(restarted)
                .query(Long.class).single()).isOne();

        // restarting a completed execution is refused, and the refusal is recorded too
        mvc.perform(post("/executions/{id}/actions/restart", restarted).with(OPERATOR).with(csrf()))
                .andExpect(redirectedUrl("/executions/" + restarted));
        assertThat(jdbc.sql("SELECT outcome FROM operator_action WHERE target_id = ?").param(Long.toString(restarted))
                .query(String.class).single()).isEqualTo("REFUSED");
    }

    @Test
    void abandon_marks_a_failed_execution_abandoned() throws Exception {
        JobExecution failed = failedRun("5566778899", "5566778899_BEST_20261130_0000046.txt");
        mvc.perform(post("/api/executions/{id}/abandon", failed.getId()).with(httpBasicOperator()))
                .andExpect(status().isAccepted());
        assertThat(statusOf(failed.getId())).isEqualTo(BatchStatus.ABANDONED);
        mvc.perform(post("/api/executions/{id}/restart", failed.getId()).with(httpBasicOperator()))
                .andExpect(status().isConflict());
    }

    @Test
    void a_running_execution_shows_progress_refuses_recover_while_its_owner_lives_and_stops() throws Exception {
        AdminTestJobs.RELEASE.set(new CountDownLatch(1));
        String body = mvc.perform(post("/api/jobs/{name}/executions", AdminTestJobs.BLOCKING).with(httpBasicOperator())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"parameters\": {\"run\": \"1\"}}"))
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(body.replaceAll(".*\"executionId\":(\\d+).*", "$1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(id) == BatchStatus.STARTED
                && jobRepository.getJobExecution(id).getStepExecutions().stream().anyMatch(s -> s.getReadCount() == 4));

        mvc.perform(get("/executions/{id}", id).with(OPERATOR))
                .andExpect(content().string(Matchers.containsString("4 of 10 items (40 %)")))
                .andExpect(content().string(Matchers.containsString("hx-trigger=\"every 2s\"")))
                .andExpect(content().string(Matchers.containsString("alive")));

        mvc.perform(post("/api/executions/{id}/recover", id).with(httpBasicOperator()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("its owner is alive")));
        assertThat(statusOf(id)).isEqualTo(BatchStatus.STARTED);

        mvc.perform(post("/executions/{id}/actions/stop", id).with(OPERATOR).with(csrf()))
                .andExpect(redirectedUrl("/executions/" + id));
        AdminTestJobs.RELEASE.get().countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(id) == BatchStatus.STOPPED);

        mvc.perform(get("/executions/{id}/live", id).with(OPERATOR))
                .andExpect(content().string(Matchers.not(Matchers.containsString("hx-trigger"))));
        assertThat(jdbc.sql("SELECT action || ' ' || outcome FROM operator_action WHERE target_id = ? ORDER BY id")
                .param(Long.toString(id)).query(String.class).list()).containsExactly("RECOVER REFUSED", "STOP DONE");
    }

    @Test
    void recover_marks_a_stuck_execution_failed_only_when_its_owner_is_verifiably_dead() throws Exception {
        long deadOwned = stuckExecution("dead-1", LocalDateTime.now().minusHours(1));
        long unowned = stuckExecution(null, null);

        mvc.perform(post("/api/executions/{id}/recover", unowned).with(httpBasicOperator()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("no owning instance")));
        assertThat(statusOf(unowned)).isEqualTo(BatchStatus.STARTED);

        mvc.perform(get("/executions/{id}/actions/recover", deadOwned).with(OPERATOR))
                .andExpect(content().string(Matchers.containsString("dead")));
        mvc.perform(post("/executions/{id}/actions/recover", deadOwned).with(OPERATOR).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(statusOf(deadOwned)).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.sql("SELECT outcome FROM operator_action WHERE target_id = ? AND action = 'RECOVER'")
                .param(Long.toString(deadOwned)).query(String.class).single()).isEqualTo("DONE");
    }

    @Test
    void an_unknown_execution_is_recovered_by_an_operator_and_then_restarts_to_completion() throws Exception {
        AdminTestJobs.LOSE_CHECKPOINT.set(true);
        JobExecution unknown = jobOperator.start(unknownOnceJob, new JobParametersBuilder().addString("run", "unknown-1")
                .toJobParameters());
        long id = unknown.getId();
        assertThat(statusOf(id)).isEqualTo(BatchStatus.UNKNOWN);
        assertThat(jobRepository.getJobExecution(id).getEndTime()).isNotNull();

        // Spring Batch itself refuses to restart it
        mvc.perform(post("/api/executions/{id}/restart", id).with(httpBasicOperator()))
                .andExpect(status().isConflict());
        // the owner (this instance) is alive, yet the execution has ended: recover is offered to operators only
        mvc.perform(get("/executions/{id}", id).with(OPERATOR))
                .andExpect(content().string(Matchers.containsString("id=\"action-recover\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"action-restart\""))));
        mvc.perform(get("/executions/{id}", id).with(AUDITOR))
                .andExpect(content().string(Matchers.not(Matchers.containsString("action-recover"))));
        mvc.perform(get("/executions/{id}/actions/recover", id).with(OPERATOR))
                .andExpect(content().string(Matchers.containsString("An UNKNOWN execution")));
        mvc.perform(post("/executions/{id}/actions/recover", id).with(OPERATOR).with(csrf()))
                .andExpect(redirectedUrl("/executions/" + id))
                .andExpect(flash().attribute("notice", Matchers.containsString("recovered from UNKNOWN")));

        JobExecution recovered = jobRepository.getJobExecution(id);
        assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(recovered.getExitStatus().getExitCode()).isEqualTo("FAILED");
        assertThat(recovered.getExitStatus().getExitDescription()).contains("Recovered from UNKNOWN");
        assertThat(recovered.getStepExecutions()).extracting(StepExecution::getStatus).containsExactly(BatchStatus.FAILED);
        assertThat(jdbc.sql("SELECT actor || ' ' || action || ' ' || outcome FROM operator_action WHERE target_id = ? ORDER BY id")
                .param(Long.toString(id)).query(String.class).list())
                .containsExactly("operator RESTART REFUSED", "olle RECOVER DONE");
        // once FAILED it is not recovered again
        mvc.perform(post("/api/executions/{id}/recover", id).with(httpBasicOperator()))
                .andExpect(status().isConflict());

        String body = mvc.perform(post("/api/executions/{id}/restart", id).with(httpBasicOperator()))
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
        long restarted = Long.parseLong(body.replaceAll(".*\"executionId\":(\\d+).*", "$1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(restarted) == BatchStatus.COMPLETED);
        // the step ran again and did its work once
        assertThat(jobRepository.getJobExecution(restarted).getStepExecutions()).singleElement()
                .satisfies(step -> assertThat(step.getReadCount()).isEqualTo(1));
    }

    @Test
    void an_unknown_execution_without_an_end_time_is_recovered_only_once_its_owner_is_dead() throws Exception {
        long live = stuckExecution("alive-unknown", LocalDateTime.now(), BatchStatus.UNKNOWN);
        long dead = stuckExecution("dead-unknown", LocalDateTime.now().minusHours(1), BatchStatus.UNKNOWN);
        // the dead one's steps as a lost connection can leave them: one done, one UNKNOWN, one never ended
        JobExecution deadExecution = jobRepository.getJobExecution(dead);
        for (BatchStatus stepStatus : List.of(BatchStatus.COMPLETED, BatchStatus.UNKNOWN, BatchStatus.STARTED)) {
            StepExecution step = jobRepository.createStepExecution("step-" + stepStatus, deadExecution);
            step.setStartTime(LocalDateTime.now().minusHours(1));
            step.setStatus(stepStatus);
            jobRepository.update(step);
        }

        mvc.perform(post("/api/executions/{id}/recover", live).with(httpBasicOperator()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("its owner is alive")));
        assertThat(statusOf(live)).isEqualTo(BatchStatus.UNKNOWN);

        mvc.perform(post("/api/executions/{id}/recover", dead).with(httpBasicOperator()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("its owner is dead")));
        assertThat(statusOf(dead)).isEqualTo(BatchStatus.FAILED);
        assertThat(jobRepository.getJobExecution(dead).getEndTime()).isNotNull();
        assertThat(jobRepository.getJobExecution(dead).getStepExecutions())
                .extracting(step -> step.getStepName() + " " + step.getStatus() + " " + (step.getEndTime() != null))
                .containsExactlyInAnyOrder("step-COMPLETED COMPLETED false", "step-UNKNOWN FAILED true", "step-STARTED FAILED true");
    }

    /** An execution left STARTED by a crashed instance whose last heartbeat was at {@code heartbeat}. */
    long stuckExecution(String ownerId, LocalDateTime heartbeat) {
        return stuckExecution(ownerId, heartbeat, BatchStatus.STARTED);
    }

    /** As above, in {@code status} and without an end time. */
    long stuckExecution(String ownerId, LocalDateTime heartbeat, BatchStatus status) {
        JobParameters parameters = new JobParametersBuilder().addString("stuck", ownerId == null ? "unowned" : ownerId)
                .toJobParameters();
        JobInstance instance = jobRepository.createJobInstance(AdminTestJobs.FAIL_ONCE, parameters);
        JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStartTime(LocalDateTime.now().minusHours(1));
        execution.setStatus(status);
        jobRepository.update(execution);
        if (ownerId != null) {
            jdbc.sql("INSERT INTO leka_instance (instance_id, host, pid, started_at, last_heartbeat) VALUES (?, 'crashed-host', 1, ?, ?)")
                    .params(ownerId, Timestamp.valueOf(heartbeat.minusHours(1)), Timestamp.valueOf(heartbeat)).update();
            jdbc.sql("INSERT INTO job_execution_owner (job_execution_id, instance_id, claimed_at) VALUES (?, ?, ?)")
                    .params(execution.getId(), ownerId, Timestamp.valueOf(heartbeat)).update();
        }
        return execution.getId();
    }

    @Test
    void launch_validates_against_the_jobs_declared_parameters() throws Exception {
        mvc.perform(get("/jobs").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(AdminTestJobs.VALIDATED)))
                .andExpect(content().string(Matchers.containsString("required [partner], optional [fileName]")));
        mvc.perform(get("/jobs/{name}/launch", AdminTestJobs.VALIDATED).with(OPERATOR))
                .andExpect(content().string(Matchers.containsString("name=\"p.partner\"")))
                .andExpect(content().string(Matchers.containsString("name=\"p.fileName\"")));

        mvc.perform(post("/jobs/{name}/launch", AdminTestJobs.VALIDATED).param("p.fileName", "x.txt").with(OPERATOR).with(csrf()))
                .andExpect(redirectedUrl("/jobs/" + AdminTestJobs.VALIDATED + "/launch"));
        mvc.perform(post("/api/jobs/{name}/executions", AdminTestJobs.VALIDATED).with(httpBasicOperator())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"parameters\": {\"partner\": \"5566778899\", \"colour\": \"red\"}}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("colour")));

        String location = mvc.perform(post("/jobs/{name}/launch", AdminTestJobs.VALIDATED)
                        .param("p.partner", "5599001129").param("p.fileName", "").with(OPERATOR).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(id) == BatchStatus.COMPLETED);
        assertThat(jobRepository.getJobExecution(id).getJobParameters().getString("partner")).isEqualTo("5599001129");
        assertThat(jdbc.sql("SELECT outcome FROM operator_action WHERE action = 'LAUNCH' AND target_id = ? ORDER BY id")
                .param(AdminTestJobs.VALIDATED).query(String.class).list()).containsExactly("REFUSED", "REFUSED", "DONE");

        mvc.perform(get("/api/jobs").with(httpBasicOperator()))
                .andExpect(jsonPath("$[?(@.name == 'admin-validated')].requiredKeys[0]").value("partner"));
        mvc.perform(get("/charts").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<svg")))
                .andExpect(content().string(Matchers.containsString(AdminTestJobs.VALIDATED + ": duration")));
    }

    @Autowired
    HistoryPurge historyPurge;

    /** Makes the executions look as if they were created, started and ended {@code days} days ago. */
    void age(int days, long... executionIds) {
        Timestamp then = Timestamp.valueOf(LocalDateTime.now().minusDays(days));
        for (long id : executionIds) {
            jdbc.sql("UPDATE batch_job_execution SET create_time = ?, start_time = ?, end_time = ? WHERE job_execution_id = ?")
                    .params(then, then, then, id).update();
        }
    }

    long rows(String table, long executionId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE job_execution_id = ?").param(executionId).query(Long.class).single();
    }

    @Test
    void purging_history_spares_restartable_instances_and_keeps_each_finished_instances_identity() throws Exception {
        // A finished instance: a failed attempt, then a restart that completed. And a failed instance, not restarted yet.
        JobExecution firstAttempt = failedRun("5566778899", "5566778899_BEST_20261130_0000050.txt");
        long completed = restartAndAwait(firstAttempt.getId());
        JobExecution restartable = failedRun("5566778899", "5566778899_BEST_20261130_0000051.txt");
        age(400, firstAttempt.getId(), completed, restartable.getId());
        jobLog.flush();
        assertThat(rows("job_log", firstAttempt.getId())).isPositive();
        assertThat(rows("job_log", restartable.getId())).isPositive();

        mvc.perform(get("/api/history/purge").param("days", "365").with(httpBasicOperator()))
                .andExpect(jsonPath("$.perJob['admin-fail-once'].deleted").value(1))
                .andExpect(jsonPath("$.perJob['admin-fail-once'].compacted").value(1));
        mvc.perform(get("/history/purge").param("days", "365").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Yes, purge 1 executions and compact 1")));
        mvc.perform(post("/history/purge").param("days", "365").with(OPERATOR).with(csrf()))
                .andExpect(redirectedUrl("/history/purge?days=365"))
                .andExpect(flash().attribute("notice", Matchers.containsString("1 earlier executions deleted, 1 last executions")));

        // The failed attempt is gone with everything it had.
        for (String table : List.of("batch_job_execution", "batch_job_execution_params", "batch_job_execution_context",
                "batch_step_execution", "job_log", "job_execution_owner")) {
            assertThat(rows(table, firstAttempt.getId())).as(table).isZero();
        }
        // The completed execution stays as the instance's identity: parameters kept, steps and log gone, marked purged.
        assertThat(statusOf(completed)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rows("batch_job_execution_params", completed)).isPositive();
        assertThat(rows("batch_step_execution", completed)).isZero();
        assertThat(rows("job_log", completed)).isZero();
        mvc.perform(get("/executions/{id}", completed).with(AUDITOR))
                .andExpect(content().string(Matchers.containsString("History purged on")))
                .andExpect(content().string(Matchers.containsString("by olle")));
        assertThatThrownBy(() -> jobOperator.start(failOnceJob, new JobParametersBuilder().addString("partner", "5566778899")
                .addString("fileName", "5566778899_BEST_20261130_0000050.txt").toJobParameters()))
                .as("the same file is still refused as complete").isInstanceOf(JobInstanceAlreadyCompleteException.class);
        // The restartable instance is untouched, however old, and still restarts.
        assertThat(statusOf(restartable.getId())).isEqualTo(BatchStatus.FAILED);
        assertThat(rows("batch_step_execution", restartable.getId())).isPositive();
        assertThat(rows("job_log", restartable.getId())).isPositive();
        restartAndAwait(restartable.getId());
        assertThat(jdbc.sql("SELECT actor || ' ' || outcome FROM operator_action WHERE action = ?").param(HistoryPurge.ACTION)
                .query(String.class).list()).containsExactly("olle DONE");

        // Now that it completed, its old failed attempt may go; nothing else is left to purge.
        mvc.perform(get("/api/history/purge").param("days", "365").with(httpBasicOperator()))
                .andExpect(jsonPath("$.perJob['admin-fail-once'].deleted").value(1))
                .andExpect(jsonPath("$.perJob['admin-fail-once'].compacted").value(0));
        mvc.perform(post("/api/history/purge").param("days", "0").with(httpBasicOperator())).andExpect(status().isConflict());
    }

    long restartAndAwait(long executionId) throws Exception {
        String body = mvc.perform(post("/api/executions/{id}/restart", executionId).with(httpBasicOperator()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        long next = Long.parseLong(body.replaceAll(".*\"executionId\":(\\d+).*", "$1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(next) == BatchStatus.COMPLETED);
        return next;
    }

    @Test
    void job_log_lines_older_than_the_retention_are_deleted_nightly() {
        Timestamp old = Timestamp.valueOf(LocalDateTime.now().minusDays(366));
        Timestamp recent = Timestamp.valueOf(LocalDateTime.now().minusDays(364));
        for (Timestamp at : List.of(old, recent)) {
            jdbc.sql("INSERT INTO job_log (job_execution_id, logged_at, level, logger, thread, message) VALUES (424242, ?, 'INFO', 'x', 't', ?)")
                    .params(at, "logged " + at).update();
        }

        assertThat(historyPurge.applyJobLogRetention()).isPositive();

        assertThat(jdbc.sql("SELECT message FROM job_log WHERE job_execution_id = 424242").query(String.class).list())
                .containsExactly("logged " + recent);
    }

    @Test
    void the_openapi_document_describes_the_rest_api() throws Exception {
        mvc.perform(get("/v3/api-docs").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/executions/{id}/restart'].post").exists())
                .andExpect(jsonPath("$.paths['/api/executions/{id}/recover'].post.summary").value(Matchers.containsString("UNKNOWN")))
                .andExpect(jsonPath("$.paths['/api/disclosures'].get").exists());
    }

    static RequestPostProcessor httpBasicOperator() {
        return httpBasic("operator", "operator");
    }
}
