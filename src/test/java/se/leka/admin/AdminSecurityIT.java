package se.leka.admin;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import se.leka.agreement.Parties;
import se.leka.agreement.Party;
import se.leka.agreement.PartyType;
import se.leka.format.OrgNumber;
import se.leka.testsupport.LekaIntegrationTest;

/**
 * Every admin endpoint against every role: what each role may see and do, 403 for the rest, login
 * for the anonymous, 401 on the API, CSRF on every POST of the pages. Actions are aimed at an
 * execution that does not exist, so an allowed one is answered (refused by the admin, 409 or a
 * redirect) without changing anything, and a forbidden one never reaches the admin.
 */
@LekaIntegrationTest
@AutoConfigureMockMvc
@Import(AdminTestJobs.class)
class AdminSecurityIT {

    enum Role { OPERATOR, AUDITOR, ADMIN }

    /** What an allowed request answers. */
    enum Allowed { PAGE, REDIRECT, REFUSED_409, BAD_REQUEST, NOT_FOUND }

    /** @param params form parameters of the request (values a query string cannot carry, such as a key line) */
    record Endpoint(String method, String path, Allowed allowed, List<Role> roles, Map<String, String> params) {

        Endpoint(String method, String path, Allowed allowed, List<Role> roles) {
            this(method, path, allowed, roles, Map.of());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Role> ALL = List.of(Role.OPERATOR, Role.AUDITOR, Role.ADMIN);
    static final List<Role> OPERATORS = List.of(Role.OPERATOR, Role.ADMIN);
    static final List<Role> AUDIT = List.of(Role.AUDITOR, Role.ADMIN);
    static final String NONE = "999999";
    /** A public key line (the demo broker's); the tests below never get it accepted for a login that matters. */
    static final String KEY = readKey();

    static String readKey() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("sample-files/demo/keys/5599001129.pub")).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final List<Endpoint> PAGES = List.of(
            new Endpoint("GET", "/", Allowed.REDIRECT, ALL),
            new Endpoint("GET", "/executions", Allowed.PAGE, ALL),
            new Endpoint("GET", "/jobs", Allowed.PAGE, ALL),
            new Endpoint("GET", "/charts", Allowed.PAGE, ALL),
            new Endpoint("GET", "/partners", Allowed.PAGE, ALL),
            new Endpoint("GET", "/partners/5566778899", Allowed.PAGE, ALL),
            new Endpoint("GET", "/jobs/" + AdminTestJobs.VALIDATED + "/launch", Allowed.PAGE, OPERATORS),
            new Endpoint("GET", "/audit/disclosures", Allowed.PAGE, AUDIT),
            new Endpoint("GET", "/audit/disclosures?person=200001012384", Allowed.PAGE, AUDIT),
            new Endpoint("GET", "/audit/disclosures.csv?person=200001012384", Allowed.PAGE, AUDIT),
            new Endpoint("GET", "/audit/disclosures/verify", Allowed.PAGE, AUDIT),
            new Endpoint("GET", "/audit/actions", Allowed.PAGE, AUDIT),
            new Endpoint("GET", "/v3/api-docs", Allowed.PAGE, ALL),
            new Endpoint("GET", "/actuator/metrics", Allowed.PAGE, List.of(Role.ADMIN)),
            new Endpoint("POST", "/executions/" + NONE + "/actions/restart", Allowed.REDIRECT, OPERATORS),
            new Endpoint("POST", "/executions/" + NONE + "/actions/stop", Allowed.REDIRECT, OPERATORS),
            new Endpoint("POST", "/executions/" + NONE + "/actions/abandon", Allowed.REDIRECT, OPERATORS),
            new Endpoint("POST", "/executions/" + NONE + "/actions/recover", Allowed.REDIRECT, OPERATORS),
            new Endpoint("POST", "/jobs/no-such-job/launch", Allowed.REDIRECT, OPERATORS),
            new Endpoint("POST", "/partners/5566778899/agreements/NO-SUCH/approve?on=2026-01-01", Allowed.REDIRECT, OPERATORS),
            new Endpoint("POST", "/partners/5569988776/assignments?principalOrg=5566778899&validFrom=2026-01-01", Allowed.REDIRECT, OPERATORS),
            new Endpoint("POST", "/partners/5569988776/assignments/" + NONE + "/end?endedOn=2026-01-01", Allowed.REDIRECT, OPERATORS),
            new Endpoint("GET", "/files", Allowed.REDIRECT, ALL),
            new Endpoint("GET", "/files/inbound", Allowed.PAGE, ALL),
            new Endpoint("GET", "/files/inbound?status=QUARANTINED&partner=5566778899&file=BEST&from=2026-01-01&to=2026-12-31", Allowed.PAGE, ALL),
            new Endpoint("GET", "/files/quarantine", Allowed.PAGE, ALL),
            new Endpoint("GET", "/files/outbound", Allowed.PAGE, ALL),
            new Endpoint("GET", "/files/outbound?status=DELIVERED&type=KVIT&partner=5566778899", Allowed.PAGE, ALL),
            new Endpoint("GET", "/files/inbound/" + NONE, Allowed.NOT_FOUND, ALL),
            new Endpoint("GET", "/files/outbound/" + NONE + "/content", Allowed.NOT_FOUND, ALL),
            new Endpoint("GET", "/files/inbound/" + NONE + "/reprocess", Allowed.NOT_FOUND, OPERATORS),
            new Endpoint("POST", "/files/inbound/" + NONE + "/reprocess", Allowed.REDIRECT, OPERATORS),
            new Endpoint("GET", "/history/purge", Allowed.PAGE, OPERATORS),
            new Endpoint("POST", "/history/purge?days=36500", Allowed.REDIRECT, OPERATORS),
            new Endpoint("POST", "/partners/5566778899/sftp/login", Allowed.PAGE, OPERATORS),
            new Endpoint("POST", "/partners/5566778899/sftp/login?confirmed=yes", Allowed.REDIRECT, OPERATORS),
            new Endpoint("POST", "/partners/5566778899/sftp/keys", Allowed.PAGE, OPERATORS, Map.of("key", KEY)),
            new Endpoint("POST", "/partners/5566778899/sftp/keys?confirmed=yes", Allowed.REDIRECT, OPERATORS, Map.of("key", KEY)),
            new Endpoint("POST", "/partners/5566778899/sftp/keys", Allowed.REDIRECT, OPERATORS, Map.of("key", "not a key")),
            new Endpoint("POST", "/partners/5566778899/sftp/keys/rotate?oldFingerprint=SHA256:none", Allowed.PAGE, OPERATORS,
                    Map.of("key", KEY)),
            new Endpoint("POST", "/partners/5566778899/sftp/keys/rotate?oldFingerprint=SHA256:none&confirmed=yes", Allowed.REDIRECT,
                    OPERATORS, Map.of("key", KEY)),
            new Endpoint("POST", "/partners/5566778899/sftp/keys/remove?fingerprint=SHA256:none", Allowed.PAGE, OPERATORS),
            new Endpoint("POST", "/partners/5566778899/sftp/keys/remove?fingerprint=SHA256:none&confirmed=yes", Allowed.REDIRECT, OPERATORS));

    static final List<Endpoint> API = List.of(
            new Endpoint("GET", "/api/jobs", Allowed.PAGE, ALL),
            new Endpoint("GET", "/api/executions", Allowed.PAGE, ALL),
            new Endpoint("GET", "/api/executions/" + NONE + "/log", Allowed.PAGE, ALL),
            new Endpoint("GET", "/api/disclosures?person=200001012384", Allowed.PAGE, AUDIT),
            new Endpoint("GET", "/api/disclosures", Allowed.BAD_REQUEST, AUDIT),
            new Endpoint("GET", "/api/disclosures/verify", Allowed.PAGE, AUDIT),
            new Endpoint("GET", "/api/operator-actions", Allowed.PAGE, AUDIT),
            new Endpoint("POST", "/api/executions/" + NONE + "/restart", Allowed.REFUSED_409, OPERATORS),
            new Endpoint("POST", "/api/executions/" + NONE + "/stop", Allowed.REFUSED_409, OPERATORS),
            new Endpoint("POST", "/api/executions/" + NONE + "/abandon", Allowed.REFUSED_409, OPERATORS),
            new Endpoint("POST", "/api/executions/" + NONE + "/recover", Allowed.REFUSED_409, OPERATORS),
            new Endpoint("POST", "/api/jobs/no-such-job/executions", Allowed.REFUSED_409, OPERATORS),
            new Endpoint("GET", "/api/files/inbound?status=QUARANTINED&status=REJECTED", Allowed.PAGE, ALL),
            new Endpoint("GET", "/api/files/inbound/" + NONE, Allowed.NOT_FOUND, ALL),
            new Endpoint("POST", "/api/files/inbound/" + NONE + "/reprocess", Allowed.REFUSED_409, OPERATORS),
            new Endpoint("GET", "/api/files/outbound?type=KVIT", Allowed.PAGE, ALL),
            new Endpoint("GET", "/api/files/outbound/" + NONE + "/content", Allowed.NOT_FOUND, ALL),
            new Endpoint("GET", "/api/partners/5569988776/sftp-keys", Allowed.NOT_FOUND, ALL),
            new Endpoint("POST", "/api/partners/2021005521/sftp-login", Allowed.REFUSED_409, OPERATORS),
            new Endpoint("POST", "/api/partners/5569988776/sftp-keys", Allowed.REFUSED_409, OPERATORS),
            new Endpoint("POST", "/api/partners/5569988776/sftp-keys/rotate", Allowed.REFUSED_409, OPERATORS),
            new Endpoint("POST", "/api/partners/5569988776/sftp-keys/remove?fingerprint=SHA256:none", Allowed.REFUSED_409, OPERATORS),
            new Endpoint("GET", "/api/history/purge", Allowed.PAGE, ALL),
            new Endpoint("POST", "/api/history/purge?days=0", Allowed.REFUSED_409, OPERATORS));

    @Autowired
    MockMvc mvc;
    @Autowired
    Parties parties;

    @BeforeEach
    void partners() {
        for (Party p : List.of(new Party(OrgNumber.parse("5566778899"), "Trygg Test AB", PartyType.INSURANCE_COMPANY, "a@trygg.test"),
                new Party(OrgNumber.parse("5569988776"), "Test Ombud AB", PartyType.AGENT, "b@ombud.test"))) {
            if (parties.find(p.orgNumber()).isEmpty()) {
                parties.register(p);
            }
        }
    }

    static Stream<Arguments> pagesByRole() {
        return matrix(PAGES);
    }

    static Stream<Arguments> apiByRole() {
        return matrix(API);
    }

    static Stream<Arguments> matrix(List<Endpoint> endpoints) {
        List<Arguments> all = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (Role r : Role.values()) {
                all.add(Arguments.of(e, r));
            }
        }
        return all.stream();
    }

    static MockHttpServletRequestBuilder request(Endpoint e) {
        MockHttpServletRequestBuilder r = e.method().equals("GET") ? get(e.path()) : post(e.path());
        if (e.path().startsWith("/api/jobs/")) {
            r.contentType(MediaType.APPLICATION_JSON).content("{\"parameters\": {}}");
        }
        if (e.method().equals("POST") && e.path().matches("/api/partners/[0-9]+/sftp-keys(/rotate)?")) {
            r.contentType(MediaType.APPLICATION_JSON).content("{\"key\": \"not a key\", \"oldFingerprint\": \"SHA256:none\"}");
        }
        e.params().forEach(r::param);
        return r;
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("pagesByRole")
    void pages_answer_each_role_as_allowed(Endpoint e, Role role) throws Exception {
        var result = mvc.perform(request(e).with(user(role.name().toLowerCase()).roles(role.name())).with(csrf()));
        if (!e.roles().contains(role)) {
            result.andExpect(status().isForbidden());
        } else if (e.allowed() == Allowed.REDIRECT) {
            result.andExpect(status().is3xxRedirection());
        } else if (e.allowed() == Allowed.NOT_FOUND) {
            result.andExpect(status().isNotFound());
        } else {
            result.andExpect(status().isOk());
        }
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("apiByRole")
    void the_api_answers_each_role_as_allowed(Endpoint e, Role role) throws Exception {
        String name = role.name().toLowerCase();
        var result = mvc.perform(request(e).with(httpBasic(name, name)));
        if (!e.roles().contains(role)) {
            result.andExpect(status().isForbidden());
        } else {
            switch (e.allowed()) {
                case REFUSED_409 -> result.andExpect(status().isConflict());
                case BAD_REQUEST -> result.andExpect(status().isBadRequest());
                case NOT_FOUND -> result.andExpect(status().isNotFound());
                default -> result.andExpect(status().isOk());
            }
        }
    }

    @ParameterizedTest(name = "anonymous: {0}")
    @MethodSource("pages")
    void anonymous_users_are_sent_to_the_login_page(Endpoint e) throws Exception {
        mvc.perform(request(e).with(csrf())).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    static Stream<Endpoint> pages() {
        return PAGES.stream();
    }

    @ParameterizedTest(name = "anonymous: {0}")
    @MethodSource("api")
    void anonymous_api_calls_are_unauthorised(Endpoint e) throws Exception {
        mvc.perform(request(e)).andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"));
    }

    static Stream<Endpoint> api() {
        return API.stream();
    }

    @Test
    void a_post_without_the_csrf_token_is_forbidden_even_for_an_operator() throws Exception {
        mvc.perform(post("/executions/" + NONE + "/actions/restart").with(user("olle").roles("OPERATOR")))
                .andExpect(status().isForbidden());
    }

    @Test
    void wrong_passwords_are_refused_and_right_ones_log_in() throws Exception {
        mvc.perform(formLogin().user("operator").password("wrong")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin().user("operator").password("operator")).andExpect(redirectedUrl("/"));
        mvc.perform(get("/api/jobs").with(httpBasic("auditor", "operator"))).andExpect(status().isUnauthorized());
    }

    @Test
    void health_info_and_prometheus_are_open_and_the_login_page_too() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        mvc.perform(get("/login")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics")).andExpect(status().is3xxRedirection());
    }
}
