package se.leka.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import se.leka.agreement.Assignment;
import se.leka.agreement.Assignments;
import se.leka.exchange.InboundFileStatus;
import se.leka.exchange.InboundFiles;
import se.leka.exchange.IntakeTestSupport;
import se.leka.exchange.Mailbox;
import se.leka.exchange.Receipt;
import se.leka.exchange.ReceiptStatus;
import se.leka.exchange.Receipts;
import se.leka.format.OrgNumber;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The files pages in a real browser (headless Chromium), on the demo partners: an operator finds a
 * quarantined file, reads its reason, downloads its receipt, corrects the cause (registers the
 * agent's assignment on the partner page) and reprocesses the file, which then passes intake and
 * is handed to its job. Screenshots of every step go to {@code target/screenshots/}.
 */
@LekaIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"leka.demo.enabled=true", "leka.demo.dir=sample-files/demo"})
class AdminFilesBrowserIT extends BrowserTest {

    static final OrgNumber AGENT = OrgNumber.parse("5569988776");
    static final OrgNumber MUNICIPALITY = OrgNumber.parse("2120997776");
    static final String FILE = "2120997776_BEST_20261130_0000001.txt";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Assignments assignments;
    @Autowired
    InboundFiles inboundFiles;


    @Test
    void an_operator_sees_a_quarantined_file_with_its_receipt_corrects_the_cause_and_reprocesses_it() throws Exception {
        // The agent's assignment for the municipality ended today, so its order file for the municipality is quarantined.
        Assignment assignment = assignments.ofAgent(AGENT).stream().filter(a -> a.principal().equals(MUNICIPALITY))
                .findFirst().orElseThrow();
        assignments.end(assignment.id(), LocalDate.now(java.time.ZoneId.of("Europe/Stockholm")));
        long id = IntakeTestSupport.receive(context, Mailbox.viaAgent(AGENT, MUNICIPALITY), Path.of("sample-files/order").resolve(FILE));

        HeadlessChromium.logIn(browser, wait, port, "operator");

        browser.findElement(By.id("nav-files")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("files-quarantine"))).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-inbound-file-id='" + id + "']")));
        assertThat(row.getText()).contains(FILE, "QUARANTINED", "SENDER_NOT_AUTHORISED");
        HeadlessChromium.screenshot(browser, "files-quarantine");

        row.findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.textToBe(By.id("file-status"), "QUARANTINED"));
        assertThat(browser.findElement(By.id("file-reason")).getText()).contains("has no assignment for 2120997776");
        HeadlessChromium.screenshot(browser, "inbound-file-quarantined");
        browser.findElement(By.cssSelector("#receipts a.download-receipt")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiptIn(downloads) != null);
        Receipt receipt = Receipts.read(Files.readAllBytes(receiptIn(downloads)));
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.REJECTED);
        assertThat(receipt.receivedFileName()).isEqualTo(FILE);
        assertThat(receipt.errors()).extracting(e -> e.code()).containsExactly("SENDER_NOT_AUTHORISED");

        // The correction: the agent's new assignment for the municipality, from today, on the partner page.
        browser.get("http://localhost:" + port + "/partners/" + AGENT.value());
        WebElement add = browser.findElement(By.id("add-assignment"));
        new Select(add.findElement(By.name("principalOrg"))).selectByValue(MUNICIPALITY.value());
        add.findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "acts for"));
        HeadlessChromium.screenshot(browser, "partner-assignment-added");

        browser.get("http://localhost:" + port + "/files/inbound/" + id);
        browser.findElement(By.id("action-reprocess")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm")));
        HeadlessChromium.screenshot(browser, "reprocess-confirm");
        browser.findElement(By.id("confirm")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "reprocessed as inbound file"));
        long newId = inboundFiles.reprocessedAs(id).orElseThrow();
        assertThat(browser.getCurrentUrl()).endsWith("/files/inbound/" + newId);
        assertThat(browser.findElement(By.id("file-status")).getText()).isEqualTo(InboundFileStatus.ROUTED.name());
        assertThat(browser.findElement(By.id("reprocess-of")).getText()).isEqualTo("inbound file " + id);
        assertThat(browser.findElements(By.cssSelector("#receipts a.download-receipt"))).isNotEmpty();
        HeadlessChromium.screenshot(browser, "inbound-file-reprocessed");

        // Its job execution is one click away, and links back to the file.
        Long execution = inboundFiles.find(newId).orElseThrow().jobExecutionId();
        browser.findElement(By.cssSelector("#file-executions tr[data-execution-id='" + execution + "'] a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("execution-status")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("order-intake");
        assertThat(browser.findElement(By.cssSelector("#parameters a[href='/files/inbound/" + newId + "']"))).isNotNull();
        HeadlessChromium.screenshot(browser, "inbound-file-execution");
    }

    private static Path receiptIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> receipts = files.filter(p -> p.getFileName().toString().matches("2120997776_KVIT_\\d{8}_\\d{7}\\.txt")).toList();
            return receipts.isEmpty() || Files.size(receipts.get(0)) == 0 ? null : receipts.get(0);
        }
    }
}
