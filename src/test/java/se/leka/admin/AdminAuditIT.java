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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import se.leka.agreement.AgreementStatus;
import se.leka.agreement.Agreements;
import se.leka.agreement.Assignments;
import se.leka.agreement.DeliveryFrequency;
import se.leka.agreement.Parties;
import se.leka.agreement.Party;
import se.leka.agreement.PartyType;
import se.leka.audit.Disclosure;
import se.leka.audit.DisclosureLog;
import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;
import se.leka.testsupport.DisclosureTampering;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * The auditors' side (disclosure log search, masking, CSV, chain verification, operator action
 * log) and the partners pages (agreement lifecycle, assignments), each action recorded.
 */
@LekaIntegrationTest
@AutoConfigureMockMvc
class AdminAuditIT {

    static final RequestPostProcessor OPERATOR = user("olle").roles("OPERATOR");
    static final RequestPostProcessor AUDITOR = user("anna").roles("AUDITOR");
    static final RequestPostProcessor ADMIN = user("adam").roles("ADMIN");
    static final String PERSON = "200001012384";
    static final OrgNumber TRYGG = OrgNumber.parse("5566778899");
    static final OrgNumber OMBUD = OrgNumber.parse("5569988776");

    @Autowired
    MockMvc mvc;
    @Autowired
    DisclosureLog disclosureLog;
    @Autowired
    Parties parties;
    @Autowired
    Agreements agreements;
    @Autowired
    Assignments assignments;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void data() {
        if (parties.find(TRYGG).isPresent()) {
            return;
        }
        parties.register(new Party(TRYGG, "Trygg Test AB", PartyType.INSURANCE_COMPANY, "a@trygg.test"));
        parties.register(new Party(OMBUD, "Test Ombud AB", PartyType.AGENT, "b@ombud.test"));
        agreements.apply("AVT-T-1", TRYGG, DeliveryFrequency.DAILY, LocalDate.of(2026, 1, 5), Set.of("SAM"),
                EnumSet.of(BenefitFamily.SJUK));
        agreements.approve("AVT-T-1", LocalDate.of(2026, 1, 6));
        agreements.sendForSignature("AVT-T-1", LocalDate.of(2026, 1, 7));
        disclosureLog.append(List.of(disclosure(PERSON, "5566778899_LEVE_20261130_0000001.txt"),
                disclosure("200001022383", "5566778899_LEVE_20261130_0000001.txt"),
                disclosure(PERSON, "5566778899_LEVE_20261201_0000002.txt")));
    }

    static Disclosure disclosure(String person, String file) {
        return new Disclosure(TRYGG, null, Personnummer.parse(person), "SAM", "SFB-SAM-FB", "SFB 110 kap. 39 §",
                Set.of(BenefitFamily.SJUK), "AVT-T-1", file, 41L, 0);
    }

    @Test
    void an_auditor_finds_who_received_data_about_a_person_with_the_full_number_and_exports_it() throws Exception {
        mvc.perform(get("/audit/disclosures").param("person", "20000101-2384").with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("2 disclosures")))
                .andExpect(content().string(Matchers.containsString(">" + PERSON + "<")))
                .andExpect(content().string(Matchers.containsString("5566778899_LEVE_20261201_0000002.txt")))
                .andExpect(content().string(Matchers.containsString("SFB 110 kap. 39 §")));

        String csv = mvc.perform(get("/audit/disclosures.csv").param("person", PERSON).with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).hasSize(3);
        assertThat(csv).startsWith("seq;disclosed_at;recipient_org").contains(";" + PERSON + ";");
    }

    @Test
    void an_admin_sees_the_disclosure_log_with_personnummer_masked_in_pages_csv_and_api() throws Exception {
        mvc.perform(get("/audit/disclosures").param("partner", "556677-8899").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("3 disclosures")))
                .andExpect(content().string(Matchers.containsString("20000101-****")))
                .andExpect(content().string(Matchers.not(Matchers.containsString(PERSON))));
        mvc.perform(get("/audit/disclosures.csv").param("person", PERSON).with(ADMIN))
                .andExpect(content().string(Matchers.not(Matchers.containsString(PERSON))));
        mvc.perform(get("/api/disclosures").param("person", PERSON).with(httpBasic("admin", "admin")))
                .andExpect(jsonPath("$[0].person").value("20000101-****"));
        mvc.perform(get("/api/disclosures").param("person", PERSON).with(httpBasic("auditor", "auditor")))
                .andExpect(jsonPath("$[0].person").value(PERSON));
    }

    @Test
    void a_malformed_personnummer_is_answered_with_the_reason() throws Exception {
        mvc.perform(get("/audit/disclosures").param("person", "200001012385").with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Not a valid personnummer")));
        mvc.perform(get("/api/disclosures").param("person", "200001012385").with(httpBasic("auditor", "auditor")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void verify_chain_reports_an_intact_chain_and_the_first_broken_row_when_one_is_changed() throws Exception {
        mvc.perform(get("/audit/disclosures/verify").with(AUDITOR))
                .andExpect(content().string(Matchers.containsString("Chain intact")));
        mvc.perform(get("/api/disclosures/verify").with(httpBasic("auditor", "auditor")))
                .andExpect(jsonPath("$.firstBrokenSeq").doesNotExist());

        long batch = DisclosureTampering.forge(jdbc, 2, "file_name", "forged.txt");
        try {
            mvc.perform(get("/audit/disclosures/verify").with(AUDITOR))
                    .andExpect(content().string(Matchers.containsString("Chain BROKEN at row 2")));
            mvc.perform(get("/api/disclosures/verify").with(httpBasic("auditor", "auditor")))
                    .andExpect(jsonPath("$.firstBrokenSeq").value(2));
        } finally {
            DisclosureTampering.restore(jdbc, 2, batch);
        }
        mvc.perform(get("/audit/disclosures/verify").with(AUDITOR))
                .andExpect(content().string(Matchers.containsString("Chain intact")));
    }

    @Test
    void operators_drive_an_agreement_to_active_and_manage_assignments_and_each_step_is_logged() throws Exception {
        mvc.perform(post("/partners/5566778899/agreements/AVT-T-1/party-signature").param("on", "2026-01-10")
                        .with(OPERATOR).with(csrf()))
                .andExpect(flash().attribute("notice", Matchers.containsString("SENT_FOR_SIGNATURE")));
        mvc.perform(post("/partners/5566778899/agreements/AVT-T-1/fk-signature").param("on", "2026-01-12")
                        .with(OPERATOR).with(csrf()))
                .andExpect(flash().attribute("notice", Matchers.containsString("ACTIVE")));
        mvc.perform(post("/partners/5566778899/agreements/AVT-T-1/end").param("on", "2026-02-01")
                        .with(OPERATOR).with(csrf()))
                .andExpect(flash().attribute("problem", Matchers.containsString("TERMINATION_NOTIFIED")));
        mvc.perform(post("/partners/5566778899/agreements/AVT-T-1/termination").param("on", "2026-03-01")
                        .param("effectiveOn", "2026-06-30").with(ADMIN).with(csrf()))
                .andExpect(flash().attribute("notice", Matchers.containsString("TERMINATION_NOTIFIED")));
        assertThat(agreements.find("AVT-T-1").orElseThrow().status()).isEqualTo(AgreementStatus.TERMINATION_NOTIFIED);
        assertThat(agreements.find("AVT-T-1").orElseThrow().terminationEffectiveOn()).isEqualTo(LocalDate.of(2026, 6, 30));

        mvc.perform(post("/partners/5569988776/assignments").param("principalOrg", "5566778899").param("validFrom", "2026-02-01")
                        .with(OPERATOR).with(csrf()))
                .andExpect(flash().attribute("notice", Matchers.containsString("acts for")));
        long id = assignments.ofAgent(OMBUD).get(0).id();
        mvc.perform(post("/partners/5569988776/assignments/{id}/end", id).param("endedOn", "2026-09-01")
                        .with(OPERATOR).with(csrf()))
                .andExpect(flash().attribute("notice", Matchers.containsString("2026-09-01")));
        mvc.perform(get("/partners/5569988776").with(AUDITOR))
                .andExpect(content().string(Matchers.containsString("2026-09-01")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("add-assignment"))));

        mvc.perform(get("/audit/actions").param("targetType", "AGREEMENT").with(AUDITOR))
                .andExpect(content().string(Matchers.containsString("AGREEMENT_PARTY_SIGNATURE")))
                .andExpect(content().string(Matchers.containsString("AGREEMENT_END")))
                .andExpect(content().string(Matchers.containsString("REFUSED")));
        assertThat(jdbc.sql("SELECT actor || ' ' || action || ' ' || outcome FROM operator_action ORDER BY id")
                .query(String.class).list()).containsExactly("olle AGREEMENT_PARTY_SIGNATURE DONE",
                "olle AGREEMENT_FK_SIGNATURE DONE", "olle AGREEMENT_END REFUSED", "adam AGREEMENT_TERMINATION DONE",
                "olle ASSIGNMENT_ADD DONE", "olle ASSIGNMENT_END DONE");
        mvc.perform(get("/api/operator-actions").param("actor", "adam").with(httpBasic("auditor", "auditor")))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].targetId").value("AVT-T-1"));
    }
}
