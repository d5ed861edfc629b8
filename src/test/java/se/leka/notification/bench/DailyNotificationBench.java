package se.leka.notification.bench;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import se.leka.LekaExchangeApplication;
import se.leka.agreement.Agreements;
import se.leka.agreement.DeliveryFrequency;
import se.leka.agreement.Parties;
import se.leka.agreement.Party;
import se.leka.agreement.PartyType;
import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;

/**
 * Seeds a PostgreSQL schema with {@code partners} insurers (active agreements), {@code watches}
 * watches spread evenly over them and {@code changes} change-log entries (facts of random watched
 * persons, as an import would leave them), then runs {@code daily-notification} once and prints
 * one line: seconds, files, persons delivered, peak heap. Deterministic for a seed. Not a test; see
 * {@code ops/bench/daily-notification.sh}.
 *
 * <p>Persons are Skatteverket's published test personnummer only (7,324 of them): a partner watches
 * consecutive persons of that list, with purpose SAM and, past the end of the list, RISK.
 *
 * <pre>DailyNotificationBench &lt;watches&gt; &lt;partners&gt; &lt;changes&gt; &lt;seed&gt; [--spring.settings…]</pre>
 */
public final class DailyNotificationBench {

    private static final String[] BENEFITS = {"SJUK;SJPN;DAG", "FORA;FORP;DAG", "SAE;SJE;MAN", "FORA;TFP;DAG"};

    private DailyNotificationBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> numbers = Files.readAllLines(Path.of("src/test/resources/skatteverket/testpersonnummer-2000-2009.csv"))
                .stream().map(String::strip).filter(s -> s.matches("[0-9]{12}")).toList();
        List<String> positional = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        long watches = Long.parseLong(positional.get(0));
        int partners = Integer.parseInt(positional.get(1));
        int changes = Integer.parseInt(positional.get(2));
        SplittableRandom random = new SplittableRandom(Long.parseLong(positional.get(3)));
        SpringApplication app = new SpringApplication(LekaExchangeApplication.class);
        app.setDefaultProperties(Map.of("server.port", "0", "leka.register.poll.enabled", "false",
                "leka.demo.enabled", "false", "leka.exchange.sftp.port", "0"));
        try (ConfigurableApplicationContext context = app.run(java.util.Arrays.stream(args).filter(a -> a.startsWith("--"))
                .toArray(String[]::new))) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            List<OrgNumber> insurers = seedPartners(context, partners);
            long perPartner = watches / partners;
            StringBuilder rows = new StringBuilder();
            long written = 0;
            for (int p = 0; p < partners; p++) {
                for (long k = 0; k < perPartner; k++) {
                    String person = numbers.get((int) ((p * 131L + k) % numbers.size()));
                    boolean sam = k < numbers.size();
                    rows.append(insurers.get(p).value()).append(",AVT-B-").append(p).append(',').append(person)
                            .append(sam ? ",SAM,SFB-SAM-FB," : ",RISK,SFB-RISK-FB,").append("\"SJUK,FORA,SAE\",2025-01-01,")
                            .append(sam ? "" : "SAMTYCKE").append(",-1,").append(++written).append(",2026-01-01,0\n");
                }
                if (rows.length() > 8_000_000 || p == partners - 1) {
                    copy(context, "COPY watch (party_org, agreement_id, personnummer, purpose_code, legal_basis_id, benefit_families,"
                            + " from_date, consent_reference, source_file_id, source_line, started_on, changes_after_seq)"
                            + " FROM STDIN WITH (FORMAT csv)", rows);
                    rows.setLength(0);
                }
            }
            StringBuilder facts = new StringBuilder();
            StringBuilder log = new StringBuilder();
            for (int i = 0; i < changes; i++) {
                String person = numbers.get(random.nextInt(numbers.size()));
                String[] b = BENEFITS[i % BENEFITS.length].split(";");
                String key = "BENCH|" + person + "|" + b[1] + "|N" + i + "|";
                String values = key + "," + person + ",false,BENCH," + b[0] + "," + b[1] + ",N" + i
                        + ",2026-01-05,2026-06-30,100.00," + (700 + random.nextInt(500)) + ".00," + b[2]
                        + ",,,GRANTED,2026-11-29 18:00:00,BENCH-D,2026-11-29 20:00:00\n";
                facts.append(values);
                log.append(key).append(',').append(person).append(",BENCH,").append(b[1]).append(",N").append(i)
                        .append(",,NEW,\"\",BENCH-D,2026-11-29 20:00:00\n");
            }
            String factColumns = "fact_key, personnummer, protected_identity, source_system, benefit_family, benefit, decision_id,"
                    + " period_from, period_to, extent, amount, amount_type, payment_date, paid_amount, status, source_changed_at,"
                    + " extract_id, recorded_at";
            copy(context, "COPY register_fact (" + factColumns + ") FROM STDIN WITH (FORMAT csv)", facts);
            copy(context, "COPY register_fact_version (" + factColumns + ") FROM STDIN WITH (FORMAT csv)", facts);
            copy(context, "COPY register_change (fact_key, personnummer, source_system, benefit, decision_id, payment_date,"
                    + " change_kind, changed_fields, extract_id, recorded_at) FROM STDIN WITH (FORMAT csv)", log);
            jdbc.execute("ANALYZE watch");
            jdbc.execute("ANALYZE register_change");
            jdbc.execute("ANALYZE register_fact_version");

            resetPeaks();
            long start = System.nanoTime();
            JobExecution run = context.getBean(JobOperator.class).start(context.getBean("daily-notification", Job.class),
                    new JobParametersBuilder().addLocalDate("runDate", LocalDate.of(2026, 11, 30)).toJobParameters());
            double seconds = (System.nanoTime() - start) / 1e9;
            Long files = jdbc.queryForObject("SELECT COUNT(*) FROM notification_stream_run WHERE status = 'DELIVERED'", Long.class);
            Long persons = jdbc.queryForObject("SELECT COALESCE(SUM(persons), 0) FROM notification_stream_run", Long.class);
            System.out.printf("BENCH watches=%d partners=%d changes=%d status=%s seconds=%.2f files=%d persons=%d peak_heap_mb=%d%n",
                    watches, partners, changes, run.getStatus(), seconds, files, persons, peakHeapMb());
        }
    }

    private static List<OrgNumber> seedPartners(ConfigurableApplicationContext context, int partners) {
        Parties parties = context.getBean(Parties.class);
        Agreements agreements = context.getBean(Agreements.class);
        List<OrgNumber> insurers = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 1, 5);
        Set<BenefitFamily> families = EnumSet.of(BenefitFamily.SJUK, BenefitFamily.FORA, BenefitFamily.SAE);
        for (int p = 0; insurers.size() < partners; p++) {
            OrgNumber org = orgNumber(5_560_000_00L + p);
            if (org == null) {
                continue;
            }
            parties.register(new Party(org, "Bench Försäkring " + p, PartyType.INSURANCE_COMPANY, "bench@example.invalid"));
            String id = "AVT-B-" + insurers.size();
            agreements.apply(id, org, DeliveryFrequency.DAILY, day, Set.of("SAM", "RISK"), families);
            agreements.approve(id, day);
            agreements.sendForSignature(id, day);
            agreements.recordPartySignature(id, day);
            agreements.recordFkSignature(id, day);
            insurers.add(org);
        }
        return insurers;
    }

    /** A valid organisationsnummer with the nine given digits and its check digit, or null. */
    private static OrgNumber orgNumber(long nineDigits) {
        for (int check = 0; check < 10; check++) {
            try {
                return OrgNumber.parse(String.format("%09d%d", nineDigits, check));
            } catch (RuntimeException e) {
                // not this check digit
            }
        }
        return null;
    }

    private static void copy(ConfigurableApplicationContext context, String sql, CharSequence rows) throws Exception {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}
