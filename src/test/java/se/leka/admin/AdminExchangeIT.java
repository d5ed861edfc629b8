package se.leka.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import se.leka.agreement.Assignment;
import se.leka.agreement.Assignments;
import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;
import se.leka.exchange.InboundFile;
import se.leka.exchange.InboundFileStatus;
import se.leka.exchange.InboundFiles;
import se.leka.exchange.IntakeTestSupport;
import se.leka.exchange.Mailbox;
import se.leka.exchange.OutboundFile;
import se.leka.exchange.Outboxes;
import se.leka.exchange.Receipt;
import se.leka.exchange.ReceiptStatus;
import se.leka.exchange.Receipts;
import se.leka.exchange.SftpLogins;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The files pages and the partners' SFTP keys on the demo partners: inbound files with their
 * receipts and executions, the quarantine and reprocessing after correction, outbound files with
 * their delivery state; adding, rotating and removing keys — each confirmed and recorded.
 */
@LekaIntegrationTest(properties = {"leka.demo.enabled=true", "leka.demo.dir=sample-files/demo"})
@AutoConfigureMockMvc
class AdminExchangeIT {

    static final RequestPostProcessor OPERATOR = user("olle").roles("OPERATOR");
    static final RequestPostProcessor AUDITOR = user("anna").roles("AUDITOR");
    static final OrgNumber INSURER = OrgNumber.parse("5566778899");
    static final OrgNumber AGENT = OrgNumber.parse("5569988776");
    static final OrgNumber MUNICIPALITY = OrgNumber.parse("2120997776");
    static final Path KEYS = Path.of("sample-files/demo/keys");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    InboundFiles inboundFiles;
    @Autowired
    Assignments assignments;
    @Autowired
    SftpLogins logins;
    @Autowired
    OperatorActionLog actionLog;
    @Autowired
    Outboxes outboxes;

    OperatorAction lastAction(String targetType, String targetId) {
        return actionLog.search(null, targetType, targetId, null, null, 1).get(0);
    }

    @Test
    void a_quarantined_file_is_shown_with_its_reason_and_receipt_and_reprocessed_after_correction() throws Exception {
        // The agent's assignment for the municipality ends today: its order file for the municipality is quarantined.
        Assignment assignment = assignments.ofAgent(AGENT).stream().filter(a -> a.principal().equals(MUNICIPALITY))
                .findFirst().orElseThrow();
        assignments.end(assignment.id(), LocalDate.now(java.time.ZoneId.of("Europe/Stockholm")));
        long id = IntakeTestSupport.receive(context, Mailbox.viaAgent(AGENT, MUNICIPALITY),
                Path.of("sample-files/order/2120997776_BEST_20261130_0000001.txt"));
        InboundFile quarantined = inboundFiles.find(id).orElseThrow();
        assertThat(quarantined.status()).isEqualTo(InboundFileStatus.QUARANTINED);

        mvc.perform(get("/files/quarantine").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-inbound-file-id=\"" + id + "\"")))
                .andExpect(content().string(Matchers.containsString("SENDER_NOT_AUTHORISED")))
                .andExpect(content().string(Matchers.containsString("/files/inbound/" + id + "/reprocess")));
        mvc.perform(get("/files/quarantine").with(AUDITOR))
                .andExpect(content().string(Matchers.containsString("data-inbound-file-id=\"" + id + "\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("/files/inbound/" + id + "/reprocess"))));
        mvc.perform(get("/files/inbound").param("status", "ROUTED").with(OPERATOR))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-inbound-file-id=\"" + id + "\""))));

        // The detail names the reason and offers the intake receipt for download; the receipt says the same.
        mvc.perform(get("/files/inbound/{id}", id).with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("has no assignment for 2120997776")))
                .andExpect(content().string(Matchers.containsString("/files/outbound/" + quarantined.receiptFileId() + "/content")));
        byte[] bytes = mvc.perform(get("/files/outbound/{id}/content", quarantined.receiptFileId()).with(AUDITOR))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        Receipt receipt = Receipts.read(bytes);
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.REJECTED);
        assertThat(receipt.receivedFileName()).isEqualTo("2120997776_BEST_20261130_0000001.txt");
        assertThat(receipt.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("SENDER_NOT_AUTHORISED"));

        // Confirmation first; then, after the correction (a new assignment from today), reprocessing passes intake.
        mvc.perform(get("/files/inbound/{id}/reprocess", id).with(OPERATOR))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("Yes, reprocess")));
        assertThat(inboundFiles.find(id).orElseThrow().status()).isEqualTo(InboundFileStatus.QUARANTINED);
        assignments.assign(AGENT, MUNICIPALITY, LocalDate.now(java.time.ZoneId.of("Europe/Stockholm")));
        String target = mvc.perform(post("/files/inbound/{id}/reprocess", id).with(OPERATOR).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", Matchers.containsString("reprocessed as inbound file")))
                .andReturn().getResponse().getRedirectedUrl();
        long newId = inboundFiles.reprocessedAs(id).orElseThrow();
        assertThat(target).isEqualTo("/files/inbound/" + newId);
        assertThat(inboundFiles.find(id).orElseThrow().status()).isEqualTo(InboundFileStatus.REPROCESSED);
        InboundFile again = inboundFiles.find(newId).orElseThrow();
        assertThat(again.status()).isEqualTo(InboundFileStatus.ROUTED);
        assertThat(again.reprocessOf()).isEqualTo(id);
        assertThat(lastAction(FileActions.TARGET_INBOUND_FILE, Long.toString(id))).satisfies(a -> {
            assertThat(a.actor()).isEqualTo("olle");
            assertThat(a.action()).isEqualTo("REPROCESS");
            assertThat(a.outcome()).isEqualTo(OperatorAction.DONE);
            assertThat(a.message()).contains("inbound file " + newId).contains("ROUTED");
        });

        // The new file links to its job execution (order-intake, parameter inboundFileId) and to its accepted receipt.
        mvc.perform(get("/files/inbound/{id}", newId).with(OPERATOR))
                .andExpect(content().string(Matchers.containsString("href=\"/executions/" + again.jobExecutionId() + "\"")))
                .andExpect(content().string(Matchers.containsString("href=\"/files/inbound/" + id + "\"")))
                .andExpect(content().string(Matchers.containsString("/files/outbound/" + again.receiptFileId() + "/content")));
        assertThat(Receipts.read(mvc.perform(get("/api/files/outbound/{id}/content", again.receiptFileId()).with(httpBasic("auditor", "auditor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray()).status()).isEqualTo(ReceiptStatus.ACCEPTED);
        mvc.perform(get("/api/files/inbound/{id}", newId).with(httpBasic("operator", "operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.file.status").value("ROUTED"))
                .andExpect(jsonPath("$.executions[0].executionId").value(again.jobExecutionId()))
                .andExpect(jsonPath("$.receipts[0].id").value(again.receiptFileId()));

        // A routed file is not reprocessed: refused, and the refusal is recorded too.
        mvc.perform(post("/api/files/inbound/{id}/reprocess", newId).with(httpBasic("operator", "operator")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("only QUARANTINED or REJECTED")));
        assertThat(lastAction(FileActions.TARGET_INBOUND_FILE, Long.toString(newId)).outcome()).isEqualTo(OperatorAction.REFUSED);
    }

    @Test
    void outbound_files_show_their_delivery_state_and_only_receipts_can_be_downloaded() throws Exception {
        OutboundFile delivery = outboxes.deliver(Mailbox.of(INSURER), FileType.LEVE, "admin-test:1", null,
                (name, out) -> out.write("a delivery with personnummer\n".getBytes(StandardCharsets.ISO_8859_1)));

        mvc.perform(get("/files/outbound").param("type", "LEVE").param("partner", "556677-8899").with(OPERATOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-outbound-file-id=\"" + delivery.id() + "\"")))
                .andExpect(content().string(Matchers.containsString("DELIVERED")));
        mvc.perform(get("/files/outbound").param("type", "KVIT").with(OPERATOR))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-outbound-file-id=\"" + delivery.id() + "\""))));
        mvc.perform(get("/files/outbound").param("status", "PURGED").with(OPERATOR))
                .andExpect(content().string(Matchers.containsString("No files match")));
        mvc.perform(get("/api/files/outbound").param("type", "LEVE").param("partner", "5566778899").with(httpBasic("auditor", "auditor")))
                .andExpect(jsonPath("$.rows[0].status").value("DELIVERED"))
                .andExpect(jsonPath("$.rows[0].fileName").value(delivery.fileName().toString()));
        mvc.perform(get("/files/outbound/{id}/content", delivery.id()).with(OPERATOR)).andExpect(status().isForbidden());

        // A receipt the partner fetched and removed from its outbox cannot be downloaded any more.
        long receiptId = IntakeTestSupport.receive(context, Mailbox.of(INSURER), Path.of("sample-files/intake/5566778899_BEST_20261130_0000004.txt"));
        InboundFile refused = inboundFiles.find(receiptId).orElseThrow();
        mvc.perform(get("/files/outbound/{id}/content", refused.receiptFileId()).with(OPERATOR)).andExpect(status().isOk());
        try (var files = Files.walk(delivery.path().getParent())) {
            for (Path p : files.filter(p -> p.getFileName().toString().contains("_KVIT_")).toList()) {
                Files.delete(p);
            }
        }
        mvc.perform(get("/files/outbound/{id}/content", refused.receiptFileId()).with(OPERATOR)).andExpect(status().isNotFound());
    }

    @Test
    void keys_are_added_rotated_and_removed_each_after_confirmation_and_recorded() throws Exception {
        String demoKey = SftpLogins.fingerprintOf(Files.readString(KEYS.resolve("5566778899.pub")));
        String secondLine = Files.readString(KEYS.resolve("5599001129.pub")).strip();
        String second = SftpLogins.fingerprintOf(secondLine);
        String thirdLine = Files.readString(KEYS.resolve("5569988776.pub")).strip();
        String third = SftpLogins.fingerprintOf(thirdLine);
        assertThat(logins.fingerprints(INSURER)).containsExactly(demoKey);
        mvc.perform(get("/partners/5566778899").with(AUDITOR))
                .andExpect(content().string(Matchers.containsString(demoKey)))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"add-sftp-key\""))));

        // Add: the first POST only asks; nothing changes until it is confirmed.
        mvc.perform(post("/partners/5566778899/sftp/keys").param("key", secondLine).with(OPERATOR).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Add key " + second)));
        assertThat(logins.fingerprints(INSURER)).containsExactly(demoKey);
        mvc.perform(post("/partners/5566778899/sftp/keys").param("key", secondLine).param("confirmed", "yes").with(OPERATOR).with(csrf()))
                .andExpect(redirectedUrl("/partners/5566778899"))
                .andExpect(flash().attribute("notice", Matchers.containsString(second)));
        assertThat(logins.fingerprints(INSURER)).containsExactly(demoKey, second);
        assertThat(lastAction(PartnerActions.TARGET_SFTP_KEY, "5566778899 " + second).action()).isEqualTo("SFTP_KEY_ADD");

        // Not a key: refused before confirmation, nothing recorded or changed.
        mvc.perform(post("/partners/5566778899/sftp/keys").param("key", "ssh-ed25519 not-base64 x").with(OPERATOR).with(csrf()))
                .andExpect(redirectedUrl("/partners/5566778899"))
                .andExpect(flash().attribute("problem", Matchers.containsString("not an OpenSSH authorized_keys line")));

        // Rotate: the new key in, the old one out.
        mvc.perform(post("/partners/5566778899/sftp/keys/rotate").param("oldFingerprint", demoKey).param("key", thirdLine)
                        .with(OPERATOR).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("Replace key " + demoKey + " by " + third)));
        mvc.perform(post("/partners/5566778899/sftp/keys/rotate").param("oldFingerprint", demoKey).param("key", thirdLine)
                        .param("confirmed", "yes").with(OPERATOR).with(csrf()))
                .andExpect(flash().attribute("notice", Matchers.containsString("replaced by " + third)));
        assertThat(logins.fingerprints(INSURER)).containsExactly(second, third);
        assertThat(lastAction(PartnerActions.TARGET_SFTP_KEY, "5566778899 " + demoKey).action()).isEqualTo("SFTP_KEY_ROTATE");

        // Remove, and removing a key not in use is refused (and recorded as refused).
        mvc.perform(post("/partners/5566778899/sftp/keys/remove").param("fingerprint", second).with(OPERATOR).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("Remove key " + second)));
        mvc.perform(post("/partners/5566778899/sftp/keys/remove").param("fingerprint", second).param("confirmed", "yes")
                        .with(OPERATOR).with(csrf()))
                .andExpect(flash().attribute("notice", Matchers.containsString("removed")));
        assertThat(logins.fingerprints(INSURER)).containsExactly(third);
        mvc.perform(post("/api/partners/5566778899/sftp-keys/remove").param("fingerprint", demoKey).with(httpBasic("admin", "admin")))
                .andExpect(status().isConflict());
        assertThat(lastAction(PartnerActions.TARGET_SFTP_KEY, "5566778899 " + demoKey)).satisfies(a -> {
            assertThat(a.action()).isEqualTo("SFTP_KEY_REMOVE");
            assertThat(a.outcome()).isEqualTo(OperatorAction.REFUSED);
            assertThat(a.actor()).isEqualTo("admin");
        });
        mvc.perform(get("/api/partners/5566778899/sftp-keys").with(httpBasic("auditor", "auditor")))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].fingerprint").value(third))
                .andExpect(jsonPath("$[0].algorithm").value(Matchers.startsWith("ssh-")));
    }

    @Test
    void a_party_without_a_login_gets_one_after_confirmation() throws Exception {
        OrgNumber agency = OrgNumber.parse("2021998881");
        assertThat(logins.exists(agency)).isFalse();
        mvc.perform(get("/partners/2021998881").with(OPERATOR))
                .andExpect(content().string(Matchers.containsString("id=\"create-sftp-login\"")));

        mvc.perform(post("/partners/2021998881/sftp/login").with(OPERATOR).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("Create the SFTP login 2021998881?")));
        assertThat(logins.exists(agency)).isFalse();
        mvc.perform(post("/partners/2021998881/sftp/login").param("confirmed", "yes").with(OPERATOR).with(csrf()))
                .andExpect(flash().attribute("notice", Matchers.containsString("created")));
        assertThat(logins.exists(agency)).isTrue();
        assertThat(lastAction(PartnerActions.TARGET_SFTP_LOGIN, "2021998881")).satisfies(a -> {
            assertThat(a.action()).isEqualTo("SFTP_LOGIN_CREATE");
            assertThat(a.actor()).isEqualTo("olle");
            assertThat(a.outcome()).isEqualTo(OperatorAction.DONE);
        });
    }
}
