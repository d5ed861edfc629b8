package se.leka.admin;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import se.leka.audit.ChainVerification;
import se.leka.audit.DisclosureLog;
import se.leka.audit.JobLog;
import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;

/**
 * The admin's REST API (JSON, HTTP basic, same roles as the pages; OpenAPI at {@code /v3/api-docs},
 * Swagger UI at {@code /swagger-ui.html}). Actions answer 202 when done, 409 with the reason when refused.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminApi {

    /** Parameters of a launch: string job parameters, and optionally the run date of a nightly job. */
    public record LaunchRequest(Map<String, String> parameters, LocalDate runDate) {
    }

    private final JobCatalogue catalogue;
    private final ExecutionQueries queries;
    private final ExecutionActions actions;
    private final JobLog jobLog;
    private final DisclosureView disclosures;
    private final DisclosureLog disclosureLog;
    private final OperatorActionLog actionLog;

    AdminApi(JobCatalogue catalogue, ExecutionQueries queries, ExecutionActions actions, JobLog jobLog,
             DisclosureView disclosures, DisclosureLog disclosureLog, OperatorActionLog actionLog) {
        this.catalogue = catalogue;
        this.queries = queries;
        this.actions = actions;
        this.jobLog = jobLog;
        this.disclosures = disclosures;
        this.disclosureLog = disclosureLog;
        this.actionLog = actionLog;
    }

    @Tag(name = "jobs")
    @Operation(summary = "Every job: card summary, schedule, declared parameters, last execution")
    @GetMapping("/jobs")
    List<JobCatalogue.JobInfo> jobs() {
        return catalogue.all();
    }

    @Tag(name = "jobs")
    @Operation(summary = "Launch a job; its declared parameters are validated. 202 with the execution id, or 409 with the reason")
    @PostMapping(path = "/jobs/{name}/executions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ExecutionActions.Result> launch(@PathVariable String name, @RequestBody LaunchRequest request, Principal who) {
        return answer(actions.launch(name, request.parameters() == null ? Map.of() : request.parameters(), request.runDate(),
                who.getName()));
    }

    @Tag(name = "executions")
    @Operation(summary = "Executions, newest first, filtered by job, status, creation date range, partner and file; paged")
    @GetMapping("/executions")
    ExecutionQueries.Page executions(@ModelAttribute ExecutionFilter filter) {
        return queries.list(filter);
    }

    @Tag(name = "executions")
    @Operation(summary = "One execution: parameters, times, exit description, steps with their counts, progress, owner")
    @GetMapping("/executions/{id}")
    ExecutionDetail execution(@PathVariable long id) {
        return queries.detail(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no execution " + id));
    }

    @Tag(name = "executions")
    @Operation(summary = "The execution's job log as text")
    @GetMapping(path = "/executions/{id}/log", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> log(@PathVariable long id) {
        StringBuilder text = new StringBuilder();
        jobLog.writeText(id, line -> text.append(line).append('\n'));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8)).body(text.toString());
    }

    @Tag(name = "executions")
    @Operation(summary = "Restart a FAILED or STOPPED execution (asynchronously); 202 with the new execution id")
    @PostMapping("/executions/{id}/restart")
    ResponseEntity<ExecutionActions.Result> restart(@PathVariable long id, Principal who) {
        return answer(actions.restart(id, who.getName()));
    }

    @Tag(name = "executions")
    @Operation(summary = "Ask a running execution to stop")
    @PostMapping("/executions/{id}/stop")
    ResponseEntity<ExecutionActions.Result> stop(@PathVariable long id, Principal who) {
        return answer(actions.stop(id, who.getName()));
    }

    @Tag(name = "executions")
    @Operation(summary = "Abandon a FAILED or STOPPED execution: it will never be restarted")
    @PostMapping("/executions/{id}/abandon")
    ResponseEntity<ExecutionActions.Result> abandon(@PathVariable long id, Principal who) {
        return answer(actions.abandon(id, who.getName()));
    }

    @Tag(name = "executions")
    @Operation(summary = "Mark a dead execution FAILED so it can be restarted: a STARTED one whose owning instance is dead"
            + " (refused, 409, while the owner is alive), or an UNKNOWN one (the database failed while Spring Batch recorded"
            + " its end) with its UNKNOWN and unfinished steps")
    @PostMapping("/executions/{id}/recover")
    ResponseEntity<ExecutionActions.Result> recover(@PathVariable long id, Principal who) {
        return answer(actions.recover(id, who.getName()));
    }

    @Tag(name = "audit")
    @Operation(summary = "Disclosure log by person, or by partner and date range (default the last 30 days); personnummer in full for auditors only")
    @GetMapping("/disclosures")
    List<DisclosureView.Row> disclosures(@RequestParam(required = false) String person,
                                         @RequestParam(required = false) String partner,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                         Authentication who) {
        List<DisclosureView.Row> rows = disclosures.search(person, partner, from, to, who);
        if (rows != null) {
            return rows;
        }
        throw new IllegalArgumentException("give person, or partner (with from and to; default the last 30 days)");
    }

    @Tag(name = "audit")
    @Operation(summary = "Verify the disclosure log's hash chain; names the first broken row if any")
    @GetMapping("/disclosures/verify")
    ChainVerification verify() {
        return disclosureLog.verifyChain();
    }

    @Tag(name = "audit")
    @Operation(summary = "The operator action log, newest first")
    @GetMapping("/operator-actions")
    List<OperatorAction> operatorActions(@RequestParam(required = false) String actor,
                                         @RequestParam(required = false) String targetType,
                                         @RequestParam(required = false) String targetId,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                         @RequestParam(defaultValue = "500") int limit) {
        return actionLog.search(actor, targetType, targetId, from, to, limit);
    }

    private static ResponseEntity<ExecutionActions.Result> answer(ExecutionActions.Result result) {
        return ResponseEntity.status(result.done() ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(result);
    }
}
