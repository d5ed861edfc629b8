package se.leka.fee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;

import se.leka.agreement.Agreements;
import se.leka.agreement.Parties;
import se.leka.agreement.PartyType;
import se.leka.audit.Disclosure;
import se.leka.audit.DisclosureLog;
import se.leka.exchange.Outboxes;
import se.leka.format.BenefitFamily;
import se.leka.format.EndRecord;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;
import se.leka.testsupport.LekaIntegrationTest;
import se.leka.testsupport.TestAgreements;

/**
 * The fee-calculation job on the database: volumes from the disclosure log (deliveries and query
 * answers), the ledger, re-run idempotency, a late fact as an adjustment row, the invoice basis
 * reconciling with the ledger, and the AVGI specification in the partner's outbox. The period is
 * the current month (the disclosure log stamps rows "now"), priced by the monthly test model of
 * {@code src/test/resources/fee/test-fee-models.yml}: 100.00 per month, 0.10 per record up to 3,
 * 0.05 above, 1.00 per answered question, state agencies exempt.
 */
@LekaIntegrationTest(properties = "leka.fee.models-file=src/test/resources/fee/test-fee-models.yml")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeeCalculationFunctionalTests {

    static final OrgNumber INSURER = OrgNumber.parse("5566778899");
    static final OrgNumber AGENCY = OrgNumber.parse("2021998881");
    static final LocalDate TODAY = LocalDate.now();
    static final LocalDate FIRST_OF_NEXT_MONTH = TODAY.withDayOfMonth(1).plusMonths(1);
    static final FeePeriod THIS_MONTH = FeePeriod.Kind.MONTH.containing(TODAY);

    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier(FeeCalculationJobConfiguration.JOB_NAME)
    Job feeCalculation;
    @Autowired
    Parties parties;
    @Autowired
    Agreements agreements;
    @Autowired
    DisclosureLog disclosureLog;
    @Autowired
    FeeLedger ledger;
    @Autowired
    Outboxes outboxes;
    @Value("${leka.fee.finance-dir}")
    Path financeDir;

    static int nextPerson;

    void activeAgreement(OrgNumber org, String name, PartyType type, String agreementId, String purpose) {
        TestAgreements.activeFrom(parties, agreements, org, name, type, agreementId, purpose, LocalDate.of(2026, 1, 1));
    }

    /** Appends person-records as a job would: {@code type} LEVE (delivery) or SVAR (query answer). */
    void disclose(OrgNumber recipient, String agreementId, String purpose, String basis, String type, int persons) {
        String[] people = {"200001012384", "200001011493", "200001612381"};
        List<Disclosure> rows = new ArrayList<>();
        for (int i = 0; i < persons; i++) {
            rows.add(new Disclosure(recipient, null, Personnummer.parse(people[nextPerson++ % people.length]), purpose, basis,
                    "statute", EnumSet.of(BenefitFamily.SJUK), agreementId,
                    recipient.value() + "_" + type + "_20261130_0000001.txt", 1L, 0));
        }
        disclosureLog.append(rows);
    }

    JobExecution run(LocalDate runDate) throws Exception {
        JobExecution execution = jobOperator.start(feeCalculation,
                new JobParametersBuilder().addLocalDate(FeeCalculationJobConfiguration.RUN_DATE, runDate).toJobParameters());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    @Test
    @Order(1)
    void a_period_is_computed_into_the_ledger_with_every_component() throws Exception {
        activeAgreement(INSURER, "Trygg Test Försäkring AB", PartyType.INSURANCE_COMPANY, "AVT-FEE-1", "SAM");
        activeAgreement(AGENCY, "Testmyndigheten", PartyType.STATE_AGENCY, "OVK-FEE-1", "MYND");
        disclose(INSURER, "AVT-FEE-1", "SAM", "SFB-SAM-FB", "LEVE", 4);
        disclose(INSURER, "AVT-FEE-1", "SAM", "SFB-SAM-FB", "SVAR", 2);
        disclose(AGENCY, "OVK-FEE-1", "MYND", "F1980-MYND", "LEVE", 5);

        JobExecution execution = run(FIRST_OF_NEXT_MONTH);

        assertThat(ledger.ofAgreement("AVT-FEE-1", THIS_MONTH.start()))
                .extracting(LedgerEntry::component, LedgerEntry::kind, LedgerEntry::quantity, LedgerEntry::unitPrice,
                        LedgerEntry::amount, LedgerEntry::modelVersion)
                .containsExactly(
                        tuple(FeeComponent.FIXED, "ORIGINAL", 1L, new BigDecimal("100.0000"), new BigDecimal("100.00"), "TEST-2026-01"),
                        tuple(FeeComponent.RECORDS, "ORIGINAL", 3L, new BigDecimal("0.1000"), new BigDecimal("0.30"), "TEST-2026-01"),
                        tuple(FeeComponent.RECORDS_ABOVE, "ORIGINAL", 1L, new BigDecimal("0.0500"), new BigDecimal("0.05"), "TEST-2026-01"),
                        tuple(FeeComponent.QUESTIONS, "ORIGINAL", 2L, new BigDecimal("1.0000"), new BigDecimal("2.00"), "TEST-2026-01"));
        assertThat(ledger.ofAgreement("AVT-FEE-1", THIS_MONTH.start())).allSatisfy(e -> {
            assertThat(e.periodEnd()).isEqualTo(THIS_MONTH.end());
            assertThat(e.jobExecutionId()).isEqualTo(execution.getId());
        });
        assertThat(ledger.ofAgreement("OVK-FEE-1", THIS_MONTH.start()))
                .extracting(LedgerEntry::component, LedgerEntry::quantity, LedgerEntry::amount, LedgerEntry::note)
                .containsExactly(
                        tuple(FeeComponent.FIXED, 1L, new BigDecimal("0.00"), "exempt: STATE_AGENCY"),
                        tuple(FeeComponent.RECORDS, 3L, new BigDecimal("0.00"), "exempt: STATE_AGENCY"),
                        tuple(FeeComponent.RECORDS_ABOVE, 2L, new BigDecimal("0.00"), "exempt: STATE_AGENCY"));
        assertThat(execution.getExecutionContext().getLong("leka.totalItems")).isEqualTo(2);

        // The invoice basis: one line per ledger row of the run, and a total that is the ledger's.
        List<String> csv = Files.readAllLines(financeDir.resolve(InvoiceBasis.fileName(THIS_MONTH, FIRST_OF_NEXT_MONTH)),
                StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo(InvoiceBasis.HEADER);
        assertThat(csv).hasSize(1 + 7 + 1);
        assertThat(csv.get(csv.size() - 1)).startsWith("TOTAL;").contains(";102.35;");
        assertThat(sumOfCsvLines(csv)).isEqualByComparingTo(FeeLedger.total(ledger.writtenBy(FIRST_OF_NEXT_MONTH)))
                .isEqualByComparingTo("102.35");
        assertThat(csv).anySatisfy(l -> assertThat(l).contains(";AVT-FEE-1;5566778899;Trygg Test Försäkring AB;QUESTIONS;ORIGINAL;"));

        // The fee specification in the insurer's outbox, inside the common envelope.
        List<String> avgi = avgi(INSURER, "fee:" + FIRST_OF_NEXT_MONTH + ":AVT-FEE-1");
        StartRecord start = StartRecord.parse(avgi.get(0));
        assertThat(start.fileType()).isEqualTo(FileType.AVGI);
        assertThat(start.agreementId()).isEqualTo("AVT-FEE-1");
        assertThat(avgi).allSatisfy(l -> assertThat(l.length()).isIn(80, 120));
        assertThat(avgi.get(1)).startsWith("50AVT-FEE-1           5566778899" + THIS_MONTH.start() + THIS_MONTH.end() + FIRST_OF_NEXT_MONTH);
        assertThat(avgi).filteredOn(l -> l.startsWith("51")).hasSize(4);
        assertThat(avgi.get(avgi.size() - 2)).startsWith("59+00000102.35+00000102.35");
        assertThat(EndRecord.parse(avgi.get(avgi.size() - 1)).recordCount()).isEqualTo(avgi.size() - 2);
        assertThat(avgi(AGENCY, "fee:" + FIRST_OF_NEXT_MONTH + ":OVK-FEE-1")).filteredOn(l -> l.startsWith("59"))
                .singleElement().asString().startsWith("59+00000000.00+00000000.00");
    }

    @Test
    @Order(2)
    void running_a_period_again_changes_nothing() throws Exception {
        List<LedgerEntry> before = ledger.ofPeriod(THIS_MONTH.start());
        assertThatThrownBy(() -> jobOperator.start(feeCalculation, new JobParametersBuilder()
                .addLocalDate(FeeCalculationJobConfiguration.RUN_DATE, FIRST_OF_NEXT_MONTH).toJobParameters()))
                .as("the same business date runs once").isInstanceOf(Exception.class);

        LocalDate anotherDay = FIRST_OF_NEXT_MONTH.plusDays(1); // same period, a new job instance
        run(anotherDay);
        assertThat(ledger.ofPeriod(THIS_MONTH.start())).isEqualTo(before);
        assertThat(ledger.writtenBy(anotherDay)).isEmpty();
        assertThat(financeDir.resolve(InvoiceBasis.fileName(THIS_MONTH, anotherDay))).doesNotExist();
        assertThat(outboxes.find(INSURER, FileType.AVGI, "fee:" + anotherDay + ":AVT-FEE-1")).isEmpty();
    }

    @Test
    @Order(3)
    void a_late_fact_is_an_adjustment_row_and_invoiced_rows_stay_as_they_were() throws Exception {
        List<LedgerEntry> invoiced = ledger.ofAgreement("AVT-FEE-1", THIS_MONTH.start());
        disclose(INSURER, "AVT-FEE-1", "SAM", "SFB-SAM-FB", "LEVE", 2);

        LocalDate later = FIRST_OF_NEXT_MONTH.plusDays(2);
        run(later);

        List<LedgerEntry> now = ledger.ofAgreement("AVT-FEE-1", THIS_MONTH.start());
        assertThat(now).startsWith(invoiced.toArray(LedgerEntry[]::new));
        assertThat(now.subList(invoiced.size(), now.size()))
                .extracting(LedgerEntry::component, LedgerEntry::kind, LedgerEntry::entryNo, LedgerEntry::quantity,
                        LedgerEntry::amount, LedgerEntry::runDate)
                .containsExactly(tuple(FeeComponent.RECORDS_ABOVE, "ADJUSTMENT", 1, 2L, new BigDecimal("0.10"), later));
        assertThat(FeeLedger.total(now)).isEqualByComparingTo("102.45");
        assertThat(ledger.ofAgreement("OVK-FEE-1", THIS_MONTH.start())).hasSize(3);

        List<String> csv = Files.readAllLines(financeDir.resolve(InvoiceBasis.fileName(THIS_MONTH, later)), StandardCharsets.UTF_8);
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).contains(";RECORDS_ABOVE;ADJUSTMENT;TEST-2026-01;2;0.0500;;;0.10;");
        assertThat(sumOfCsvLines(csv)).isEqualByComparingTo("0.10");

        List<String> avgi = avgi(INSURER, "fee:" + later + ":AVT-FEE-1");
        assertThat(avgi).filteredOn(l -> l.startsWith("51")).singleElement().asString()
                .startsWith("51RECORDS_ABOVE ADJUSTMENTTEST-2026-01        +00000000002");
        assertThat(avgi).filteredOn(l -> l.startsWith("59")).singleElement().asString().startsWith("59+00000000.10+00000102.45");
        assertThat(outboxes.find(AGENCY, FileType.AVGI, "fee:" + later + ":OVK-FEE-1")).as("nothing changed for the agency").isEmpty();
    }

    List<String> avgi(OrgNumber party, String key) throws Exception {
        return Files.readAllLines(outboxes.find(party, FileType.AVGI, key).orElseThrow().path(), StrictCharset.FILES);
    }

    static BigDecimal sumOfCsvLines(List<String> csv) {
        return csv.subList(1, csv.size() - 1).stream().map(l -> new BigDecimal(l.split(";", -1)[13]))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
