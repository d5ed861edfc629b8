package se.leka.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import se.leka.audit.Disclosure;
import se.leka.audit.DisclosureLog;
import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The admin in a real browser (headless Chromium): an operator logs in, finds a failed execution,
 * restarts it and sees it complete; an auditor searches the disclosure log for a person and exports
 * it. Screenshots of every step go to {@code target/screenshots/}.
 */
@LekaIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AdminTestJobs.class)
class AdminBrowserIT extends BrowserTest {

    static final String PERSON = "200001012384";

    @LocalServerPort
    int port;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier("adminFailOnceJob")
    Job failOnceJob;
    @Autowired
    @Qualifier("adminValidatedJob")
    Job validatedJob;
    @Autowired
    DisclosureLog disclosureLog;


    void logIn(String user) {
        HeadlessChromium.logIn(browser, wait, port, user);
    }

    @Test
    void an_operator_finds_a_failed_execution_restarts_it_and_sees_it_complete() throws Exception {
        for (String partner : List.of("5566778899", "5599001129")) {
            JobExecution done = jobOperator.start(validatedJob, new JobParametersBuilder().addString("partner", partner)
                    .addString("fileName", partner + "_BEST_20261130_0000001.txt").toJobParameters());
            assertThat(done.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        AdminTestJobs.FAIL.set(true);
        JobExecution failed = jobOperator.start(failOnceJob, new JobParametersBuilder().addString("partner", "5566778899")
                .addString("fileName", "5566778899_BEST_20261130_0000042.txt").toJobParameters());
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

        logIn("operator");
        browser.get("http://localhost:" + port + "/executions");
        HeadlessChromium.screenshot(browser, "executions");
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("FAILED");
        browser.findElement(By.id("apply-filters")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-execution-id='" + failed.getId() + "']")));
        assertThat(browser.findElements(By.cssSelector("#executions tbody tr[data-execution-id]"))).hasSize(1);
        HeadlessChromium.screenshot(browser, "executions-failed");

        row.findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.textToBe(By.id("execution-status"), "FAILED"));
        assertThat(browser.findElement(By.id("exit-description")).getText()).contains("injected failure");
        assertThat(browser.findElement(By.id("job-log")).getText()).contains("20000101-****").doesNotContain(PERSON);
        HeadlessChromium.screenshot(browser, "execution-detail");

        browser.findElement(By.id("action-restart")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm")));
        HeadlessChromium.screenshot(browser, "restart-confirm");
        browser.findElement(By.id("confirm")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "restarted as execution"));
        wait.until(ExpectedConditions.textToBe(By.id("execution-status"), "COMPLETED"));
        assertThat(browser.getCurrentUrl()).doesNotEndWith("/executions/" + failed.getId());
        HeadlessChromium.screenshot(browser, "execution-restarted");
    }

    @Test
    void an_auditor_searches_the_disclosure_log_for_a_person_and_exports_it() throws Exception {
        OrgNumber trygg = OrgNumber.parse("5566778899");
        disclosureLog.append(List.of(
                new Disclosure(trygg, null, Personnummer.parse(PERSON), "SAM", "SFB-SAM-FB", "SFB (2010:110) 110 kap. 39 §",
                        Set.of(BenefitFamily.SJUK), "AVT-2026-0001", "5566778899_LEVE_20261130_0000007.txt", null, 0),
                new Disclosure(trygg, OrgNumber.parse("5569988776"), Personnummer.parse(PERSON), "SAM", "SFB-SAM-FB",
                        "SFB (2010:110) 110 kap. 39 §", Set.of(BenefitFamily.SJUK, BenefitFamily.SGI), "AVT-2026-0001",
                        "5566778899_LEVE_20261201_0000008.txt", null, 1),
                new Disclosure(trygg, null, Personnummer.parse("200001022383"), "SAM", "SFB-SAM-FB",
                        "SFB (2010:110) 110 kap. 39 §", Set.of(BenefitFamily.SJUK), "AVT-2026-0001",
                        "5566778899_LEVE_20261201_0000008.txt", null, 1)));

        logIn("auditor");
        browser.get("http://localhost:" + port + "/audit/disclosures");
        browser.findElement(By.id("person")).sendKeys("20000101-2384");
        browser.findElement(By.id("search-person-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("row-count"), "2 disclosures"));
        assertThat(browser.findElements(By.cssSelector("#disclosures td.person")))
                .extracting(WebElement::getText).containsOnly(PERSON);
        HeadlessChromium.screenshot(browser, "disclosure-log-person");

        browser.findElement(By.id("export-csv")).click();
        Path csv = downloads.resolve("disclosures.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(csv) && Files.size(csv) > 0);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(";" + PERSON + ";").contains("5566778899_LEVE_20261130_0000007.txt");

        browser.findElement(By.id("verify-chain")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verification"), "Chain intact"));
        HeadlessChromium.screenshot(browser, "disclosure-log-verified");
    }
}
