package se.leka.fee;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import se.leka.agreement.DeliveryFrequency;
import se.leka.agreement.PartyType;

/**
 * The fee models in force, read once at start-up from {@value #CLASSPATH_MODELS} (released with the
 * application) and from the file named by {@code leka.fee.models-file} (optional: a model added
 * without a release). Versions and validFrom dates must be unique over both; a model is in force
 * from its validFrom until the next one's.
 */
@Service
public class FeeModels {

    static final String CLASSPATH_MODELS = "jobs/fee-calculation/fee-models.yml";
    private static final Logger log = LoggerFactory.getLogger(FeeModels.class);

    private final List<FeeModel> models;

    @Autowired
    FeeModels(FeeProperties properties) {
        List<FeeModel> all = new ArrayList<>();
        try (InputStream in = new ClassPathResource(CLASSPATH_MODELS).getInputStream()) {
            all.addAll(parse(in, "classpath:" + CLASSPATH_MODELS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLASSPATH_MODELS, e);
        }
        if (properties.modelsFile() != null && !properties.modelsFile().toString().isBlank()) {
            Path file = properties.modelsFile();
            try (InputStream in = Files.newInputStream(file)) {
                all.addAll(parse(in, file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the fee models file " + file + " (leka.fee.models-file)", e);
            }
        }
        this.models = ordered(all);
        models.forEach(m -> log.info("Fee model {} in force from {} ({} periods)", m.version(), m.validFrom(), m.period()));
    }

    FeeModels(List<FeeModel> models) {
        this.models = ordered(models);
    }

    /** Every model, oldest validFrom first. */
    public List<FeeModel> all() {
        return models;
    }

    /** The model in force on {@code day}, if any. */
    public Optional<FeeModel> inForceOn(LocalDate day) {
        FeeModel found = null;
        for (FeeModel m : models) {
            if (!m.validFrom().isAfter(day)) {
                found = m;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The period a run on {@code runDate} computes: the last complete period before it, its length
     * (month or quarter) as the model in force on the day before {@code runDate} says.
     */
    public FeePeriod periodBefore(LocalDate runDate) {
        LocalDate dayBefore = runDate.minusDays(1);
        FeeModel model = inForceOn(dayBefore).orElseThrow(
                () -> new IllegalStateException("no fee model is in force on " + dayBefore));
        FeePeriod current = model.period().containing(runDate);
        return model.period().containing(current.start().minusDays(1));
    }

    private static List<FeeModel> ordered(Collection<FeeModel> models) {
        Set<String> versions = new HashSet<>();
        Set<LocalDate> dates = new HashSet<>();
        for (FeeModel m : models) {
            if (!versions.add(m.version())) {
                throw new IllegalStateException("fee model version " + m.version() + " is defined twice");
            }
            if (!dates.add(m.validFrom())) {
                throw new IllegalStateException("two fee models are valid from " + m.validFrom());
            }
        }
        return models.stream().sorted(Comparator.comparing(FeeModel::validFrom)).toList();
    }

    /** Reads a fee-models YAML document ({@code models: [...]}, see the job card). */
    static List<FeeModel> parse(InputStream in, String source) {
        // No implicit types: every scalar stays the text written, so 400.00 is exactly 400.00 (never a double).
        LoaderOptions options = new LoaderOptions();
        Object document = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new Resolver() {
                    @Override
                    protected void addImplicitResolvers() {
                    }
                }).load(in);
        if (!(document instanceof Map<?, ?> root) || !(root.get("models") instanceof List<?> list)) {
            throw new IllegalStateException(source + ": expected a list under 'models'");
        }
        List<FeeModel> result = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new IllegalStateException(source + ": every model is a mapping");
            }
            String version = string(m.get("version"));
            try {
                Map<DeliveryFrequency, BigDecimal> fixed = new EnumMap<>(DeliveryFrequency.class);
                map(m.get("fixedFee"), "fixedFee").forEach((k, v) -> fixed.put(DeliveryFrequency.valueOf(string(k)), decimal(v)));
                Map<?, ?> records = map(m.get("recordFee"), "recordFee");
                Object threshold = records.get("threshold");
                Set<PartyType> exempt = EnumSet.noneOf(PartyType.class);
                if (m.get("exemptPartyTypes") instanceof List<?> types) {
                    types.forEach(t -> exempt.add(PartyType.valueOf(string(t))));
                }
                result.add(new FeeModel(version, date(m.get("validFrom")), FeePeriod.Kind.valueOf(string(m.get("period"))),
                        fixed, new FeeModel.RecordFee(decimal(records.get("unitPrice")),
                        threshold == null ? null : Long.valueOf(string(threshold)), optionalDecimal(records.get("priceAbove"))),
                        decimal(m.get("questionFee")), exempt));
            } catch (RuntimeException e) {
                throw new IllegalStateException(source + ": fee model " + version + " is invalid: " + e.getMessage(), e);
            }
        }
        return result;
    }

    private static Map<?, ?> map(Object value, String name) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(name + " is missing or not a mapping");
    }

    private static String string(Object value) {
        return value == null ? null : value.toString().trim();
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("an amount is missing");
        }
        BigDecimal d = new BigDecimal(string(value));
        if (d.signum() < 0 || d.scale() > 4) {
            throw new IllegalArgumentException("amount " + value + " must be non-negative with at most four decimals");
        }
        return d;
    }

    private static BigDecimal optionalDecimal(Object value) {
        return value == null ? null : decimal(value);
    }

    private static LocalDate date(Object value) {
        if (value instanceof Date d) { // an unquoted YAML date
            return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        if (value == null) {
            throw new IllegalArgumentException("validFrom is missing");
        }
        return LocalDate.parse(string(value));
    }
}
