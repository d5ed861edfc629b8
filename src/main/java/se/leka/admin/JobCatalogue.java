package se.leka.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.DirectFieldAccessor;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;

/**
 * The jobs the admin knows, discovered from the context (every {@link Job} bean) and from the job
 * repository (jobs that ran here before) — never from a list someone must edit. For each: its card
 * summary from {@code jobs/<job>/README.md} on the classpath, its schedule from
 * {@code leka.jobs.<job>.cron}, and its declared parameters from its
 * {@link DefaultJobParametersValidator} (required and optional keys), which also validates a launch.
 */
@Service
class JobCatalogue {

    /** The job parameter "run now for date D" sets, as a {@link java.time.LocalDate}. */
    static final String RUN_DATE_PARAMETER = "runDate";

    public record JobInfo(String name, boolean inContext, String cardSummary, String cron, List<String> requiredKeys,
                          List<String> optionalKeys, boolean parametersDeclared, boolean restartable,
                          ExecutionSummary lastExecution) {

        public boolean nightly() {
            return cron != null;
        }
    }

    private final ListableBeanFactory beans;
    private final JobRepository jobRepository;
    private final ExecutionQueries executions;
    private final Environment environment;

    JobCatalogue(ListableBeanFactory beans, JobRepository jobRepository, ExecutionQueries executions, Environment environment) {
        this.beans = beans;
        this.jobRepository = jobRepository;
        this.executions = executions;
        this.environment = environment;
    }

    Map<String, Job> jobBeans() {
        Map<String, Job> byName = new TreeMap<>();
        beans.getBeansOfType(Job.class).values().forEach(job -> byName.put(job.getName(), job));
        return byName;
    }

    /**
     * A job operator that knows every job bean by name (a restart finds its job), running jobs on
     * {@code executor}; built when first needed, once every job bean exists.
     */
    TaskExecutorJobOperator operator(TaskExecutor executor) {
        MapJobRegistry registry = new MapJobRegistry();
        for (Job job : jobBeans().values()) {
            try {
                registry.register(job);
            } catch (DuplicateJobException e) {
                throw new IllegalStateException("two jobs are named " + job.getName(), e);
            }
        }
        TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
        operator.setJobRepository(jobRepository);
        operator.setJobRegistry(registry);
        operator.setTaskExecutor(executor);
        try {
            operator.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the job operator", e);
        }
        return operator;
    }

    Optional<Job> job(String name) {
        return Optional.ofNullable(jobBeans().get(name));
    }

    List<String> names() {
        TreeSet<String> names = new TreeSet<>(jobBeans().keySet());
        names.addAll(jobRepository.getJobNames());
        return new ArrayList<>(names);
    }

    List<JobInfo> all() {
        return names().stream().map(this::info).toList();
    }

    JobInfo info(String name) {
        Job job = jobBeans().get(name);
        List<String> required = List.of();
        List<String> optional = List.of();
        boolean declared = false;
        if (job != null && job.getJobParametersValidator() instanceof DefaultJobParametersValidator validator) {
            required = keys(validator, "requiredKeys");
            optional = keys(validator, "optionalKeys");
            // Every built job has one; only one that names keys declares its parameters.
            declared = !required.isEmpty() || !optional.isEmpty();
        }
        List<ExecutionSummary> last = executions.lastOf(name, 1);
        return new JobInfo(name, job != null, cardSummary(name), cron(name), required, optional, declared,
                job == null || job.isRestartable(), last.isEmpty() ? null : last.get(0));
    }

    String cron(String name) {
        String cron = environment.getProperty("leka.jobs." + name + ".cron");
        return cron == null || cron.isBlank() ? null : cron.trim();
    }

    /**
     * The first paragraph of the job card that is not a heading; null when the job has no card.
     */
    static String cardSummary(String name) {
        ClassPathResource card = new ClassPathResource("jobs/" + name + "/README.md");
        if (!card.exists()) {
            return null;
        }
        try (InputStream in = card.getInputStream()) {
            StringBuilder paragraph = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("|")) {
                    if (paragraph.length() > 0) {
                        break;
                    }
                    continue;
                }
                paragraph.append(paragraph.length() > 0 ? " " : "").append(trimmed);
            }
            return paragraph.length() == 0 ? null : paragraph.toString();
        } catch (IOException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> keys(DefaultJobParametersValidator validator, String field) {
        // DefaultJobParametersValidator has setters only; its two key collections are the declaration.
        Object value = new DirectFieldAccessor(validator).getPropertyValue(field);
        return value instanceof Collection<?> c ? new ArrayList<>(new TreeSet<>((Collection<String>) c)) : List.of();
    }
}
