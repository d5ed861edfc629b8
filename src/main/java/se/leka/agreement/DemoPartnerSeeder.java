package se.leka.agreement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;

/**
 * Seeds the demo partners of the embedded default from {@code sample-files/demo/} (see its
 * README). Goes through the same lifecycle API as operators, so the demo can never hold a state
 * the rules forbid. Whatever already exists is left alone, so a restart changes nothing.
 */
@Component
@Order(0)
@ConditionalOnBooleanProperty("leka.demo.enabled")
class DemoPartnerSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPartnerSeeder.class);

    private final Parties parties;
    private final Agreements agreements;
    private final Assignments assignments;
    private final Path demoDir;

    DemoPartnerSeeder(Parties parties, Agreements agreements, Assignments assignments,
                      @Value("${leka.demo.dir}") Path demoDir) {
        this.parties = parties;
        this.agreements = agreements;
        this.assignments = assignments;
        this.demoDir = demoDir;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!Files.isDirectory(demoDir)) {
            log.warn("Demo data directory {} not found; no demo partners seeded (run from the repository root, or set LEKA_DEMO_DIR)",
                    demoDir.toAbsolutePath());
            return;
        }
        int[] created = new int[3];
        rows("parties.csv").forEach(c -> {
            OrgNumber org = OrgNumber.parse(c[0]);
            if (parties.find(org).isEmpty()) {
                parties.register(new Party(org, c[1], PartyType.valueOf(c[2]), c[3]));
                created[0]++;
            }
        });
        rows("agreements.csv").forEach(c -> {
            if (agreements.find(c[0]).isEmpty()) {
                seedAgreement(c);
                created[1]++;
            }
        });
        rows("assignments.csv").forEach(c -> {
            OrgNumber agent = OrgNumber.parse(c[0]);
            OrgNumber principal = OrgNumber.parse(c[1]);
            LocalDate validFrom = LocalDate.parse(c[2]);
            boolean exists = assignments.ofAgent(agent).stream()
                    .anyMatch(a -> a.principal().equals(principal) && a.validFrom().equals(validFrom));
            if (!exists) {
                Assignment assignment = assignments.assign(agent, principal, validFrom);
                ifPresent(c[3], endedOn -> assignments.end(assignment.id(), endedOn));
                created[2]++;
            }
        });
        log.info("Demo data from {}: {} parties, {} agreements, {} assignments created (the rest existed)",
                demoDir, created[0], created[1], created[2]);
    }

    private void seedAgreement(String[] c) {
        String id = c[0];
        Set<String> purposes = new LinkedHashSet<>(Arrays.asList(c[11].split(",")));
        Set<BenefitFamily> families = EnumSet.noneOf(BenefitFamily.class);
        for (String code : c[12].split(",")) {
            families.add(BenefitFamily.fromCode(code).orElseThrow(
                    () -> new IllegalArgumentException("agreements.csv: unknown benefit family " + code)));
        }
        agreements.apply(id, OrgNumber.parse(c[1]), DeliveryFrequency.valueOf(c[2]), LocalDate.parse(c[3]), purposes, families);
        ifPresent(c[4], d -> agreements.approve(id, d));
        ifPresent(c[5], d -> agreements.sendForSignature(id, d));
        ifPresent(c[6], d -> agreements.recordPartySignature(id, d));
        ifPresent(c[7], d -> agreements.recordFkSignature(id, d));
        if (!c[8].isBlank()) {
            agreements.notifyTermination(id, LocalDate.parse(c[8]), LocalDate.parse(c[9]));
        }
        ifPresent(c[10], d -> agreements.end(id, d));
    }

    private static void ifPresent(String date, Consumer<LocalDate> step) {
        if (!date.isBlank()) {
            step.accept(LocalDate.parse(date));
        }
    }

    private List<String[]> rows(String file) {
        try {
            return Files.readAllLines(demoDir.resolve(file), StandardCharsets.UTF_8).stream()
                    .skip(1)
                    .filter(line -> !line.isBlank())
                    .map(line -> line.split(";", -1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo file " + demoDir.resolve(file), e);
        }
    }
}
