package se.leka.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads executions for the admin: the filtered, paged list straight from the BATCH_ tables (which
 * the job repository API cannot filter), the detail of one execution through {@link JobRepository}.
 */
@Service
class ExecutionQueries {

    /** Job parameter (identifying or not) naming the partner (organisationsnummer) a run is for. */
    static final String PARTNER_PARAMETER = "partner";
    /** Job parameter (identifying or not) naming the file a run processes or produces. */
    static final String FILE_PARAMETER = "fileName";
    /** Job parameter of runs started for an inbound file (the order room's jobs). */
    static final String INBOUND_FILE_PARAMETER = "inboundFileId";
    /** Key in the job execution context where a job puts the number of items it will process. */
    static final String TOTAL_ITEMS_KEY = "leka.totalItems";

    public record Page(List<ExecutionSummary> rows, long total, int page, int size) {

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return page + 1 < pages();
        }
    }

    private static final String SELECT = "SELECT e.job_execution_id, e.job_instance_id, i.job_name, e.status, "
            + "e.exit_code, e.create_time, e.start_time, e.end_time, "
            + "(SELECT MIN(p.parameter_value) FROM batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id "
            + "AND p.parameter_name = '" + PARTNER_PARAMETER + "') AS partner, "
            + "(SELECT MIN(p.parameter_value) FROM batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id "
            + "AND p.parameter_name = '" + FILE_PARAMETER + "') AS file_name "
            + "FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id";

    private final JdbcClient jdbc;
    private final JobRepository jobRepository;
    private final Instances instances;

    ExecutionQueries(JdbcClient jdbc, JobRepository jobRepository, Instances instances) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.instances = instances;
    }

    @Transactional(readOnly = true)
    public Page list(ExecutionFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (notBlank(filter.job())) {
            where.append(" AND i.job_name = ?");
            params.add(filter.job().trim());
        }
        if (notBlank(filter.status())) {
            where.append(" AND e.status = ?");
            params.add(filter.status().trim());
        }
        if (filter.from() != null) {
            where.append(" AND e.create_time >= ?");
            params.add(Timestamp.valueOf(filter.from().atStartOfDay()));
        }
        if (filter.to() != null) {
            where.append(" AND e.create_time < ?");
            params.add(Timestamp.valueOf(filter.to().plusDays(1).atStartOfDay()));
        }
        if (notBlank(filter.partner())) {
            where.append(" AND EXISTS (SELECT 1 FROM batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id "
                    + "AND p.parameter_name = ? AND p.parameter_value = ?)");
            params.add(PARTNER_PARAMETER);
            params.add(filter.partner().replace("-", "").trim());
        }
        if (notBlank(filter.file())) {
            where.append(" AND EXISTS (SELECT 1 FROM batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id "
                    + "AND p.parameter_name = ? AND p.parameter_value LIKE ?)");
            params.add(FILE_PARAMETER);
            params.add("%" + filter.file().trim().replace("%", "").replace("_", "\\_") + "%");
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i "
                + "ON i.job_instance_id = e.job_instance_id" + where).params(params).query(Long.class).single();
        int size = filter.sizeOrDefault();
        int page = filter.pageOrFirst();
        List<ExecutionSummary> rows = jdbc.sql(SELECT + where + " ORDER BY e.job_execution_id DESC LIMIT " + size
                        + " OFFSET " + ((long) page * size))
                .params(params).query(ExecutionQueries::summary).list();
        return new Page(rows, total, page, size);
    }

    /** The last {@code n} executions of a job, newest first. */
    @Transactional(readOnly = true)
    public List<ExecutionSummary> lastOf(String jobName, int n) {
        return jdbc.sql(SELECT + " WHERE i.job_name = ? ORDER BY e.job_execution_id DESC LIMIT " + Math.max(1, n))
                .param(jobName).query(ExecutionQueries::summary).list();
    }

    /** Executions with the given job parameter value (e.g. {@code inboundFileId}), newest first. */
    @Transactional(readOnly = true)
    public List<ExecutionSummary> withParameter(String name, String value) {
        return jdbc.sql(SELECT + " WHERE EXISTS (SELECT 1 FROM batch_job_execution_params p WHERE p.job_execution_id = "
                        + "e.job_execution_id AND p.parameter_name = ? AND p.parameter_value = ?) ORDER BY e.job_execution_id DESC LIMIT 50")
                .params(name, value).query(ExecutionQueries::summary).list();
    }

    /** The job executions of an inbound file: every run with its id as parameter, and the one intake handed it to. */
    @Transactional(readOnly = true)
    public List<ExecutionSummary> ofInboundFile(se.leka.exchange.InboundFile file) {
        List<ExecutionSummary> runs = new ArrayList<>(withParameter(INBOUND_FILE_PARAMETER, Long.toString(file.id())));
        Long routed = file.jobExecutionId();
        if (routed != null && runs.stream().noneMatch(r -> r.executionId() == routed)) {
            runs.addAll(jdbc.sql(SELECT + " WHERE e.job_execution_id = ?").param(routed).query(ExecutionQueries::summary).list());
        }
        return runs;
    }

    /** Items read per execution (summed over its steps), for the charts. */
    @Transactional(readOnly = true)
    public long itemsRead(long executionId) {
        return jdbc.sql("SELECT COALESCE(SUM(read_count), 0) FROM batch_step_execution WHERE job_execution_id = ?")
                .param(executionId).query(Long.class).single();
    }

    /** Executions created per day and status from {@code from} on. */
    @Transactional(readOnly = true)
    public List<DayCount> perDay(LocalDate from) {
        return jdbc.sql("SELECT CAST(e.create_time AS DATE) AS day, e.status, COUNT(*) FROM batch_job_execution e "
                        + "WHERE e.create_time >= ? GROUP BY CAST(e.create_time AS DATE), e.status ORDER BY day")
                .param(Timestamp.valueOf(from.atStartOfDay()))
                .query((rs, n) -> new DayCount(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3))).list();
    }

    public record DayCount(LocalDate day, String status, long count) {
    }

    @Transactional(readOnly = true)
    public Optional<ExecutionDetail> detail(long executionId) {
        JobExecution e = find(executionId);
        if (e == null) {
            return Optional.empty();
        }
        List<ExecutionDetail.Parameter> parameters = new ArrayList<>();
        e.getJobParameters().parameters().forEach(p -> parameters.add(new ExecutionDetail.Parameter(p.name(),
                p.type().getSimpleName(), String.valueOf(p.value()), p.identifying())));
        parameters.sort(Comparator.comparing(ExecutionDetail.Parameter::name));
        List<ExecutionDetail.Step> steps = e.getStepExecutions().stream()
                .sorted(Comparator.comparing(StepExecution::getId))
                .map(s -> new ExecutionDetail.Step(s.getId(), s.getStepName(), s.getStatus().toString(),
                        s.getExitStatus().getExitCode(), s.getStartTime(), s.getEndTime(), s.getReadCount(),
                        s.getWriteCount(), s.getFilterCount(), s.getSkipCount(), s.getCommitCount(), s.getRollbackCount()))
                .toList();
        long done = steps.stream().mapToLong(ExecutionDetail.Step::readCount).sum();
        Long total = null;
        Object known = e.getExecutionContext().get(TOTAL_ITEMS_KEY);
        if (known instanceof Number number) {
            total = number.longValue();
        }
        return Optional.of(new ExecutionDetail(e.getId(), e.getJobInstanceId(), e.getJobInstance().getJobName(),
                e.getStatus(), e.getExitStatus().getExitCode(), e.getExitStatus().getExitDescription(), e.getCreateTime(),
                e.getStartTime(), e.getEndTime(), e.getLastUpdated(), parameters, steps, done, total,
                instances.ownerOf(executionId).orElse(null)));
    }

    /** The execution, or null when there is none (the JDBC repository throws instead of answering null). */
    JobExecution find(long executionId) {
        try {
            return jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            return null;
        }
    }

    private static ExecutionSummary summary(ResultSet rs, int row) throws SQLException {
        return new ExecutionSummary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                time(rs, 6), time(rs, 7), time(rs, 8), rs.getString(9), rs.getString(10));
    }

    private static LocalDateTime time(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toLocalDateTime();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
