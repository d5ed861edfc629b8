package se.leka.admin;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what in the admin. Three roles: OPERATOR (runs things), AUDITOR (reads: job logs,
 * disclosure log with full personnummer, operator action log; triggers nothing) and ADMIN (what an
 * operator may do, plus the audit pages with personnummer masked). Two filter chains:
 * <ul>
 * <li>{@code /api/**}: stateless HTTP basic, no session and no cookies, hence no CSRF token needed;</li>
 * <li>everything else: form login, session, CSRF tokens on every POST.</li>
 * </ul>
 * Only {@code /actuator/health}, {@code /actuator/info} and {@code /actuator/prometheus} are open
 * (probes and scraping); the login page and static assets of course too.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

    static final String OPERATOR = "OPERATOR";
    static final String AUDITOR = "AUDITOR";
    static final String ADMIN = "ADMIN";
    private static final Logger log = LoggerFactory.getLogger(AdminSecurity.class);

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/disclosures/**").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/operator-actions/**").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(OPERATOR, AUDITOR, ADMIN)
                        .requestMatchers("/api/**").hasAnyRole(OPERATOR, ADMIN))
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/login", "/webjars/**", "/admin.css", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        .requestMatchers("/audit/**").hasAnyRole(AUDITOR, ADMIN)
                        // Confirmation pages and forms of actions: not even shown to auditors.
                        .requestMatchers("/executions/*/actions/**", "/jobs/*/launch", "/files/inbound/*/reprocess",
                                "/history/**").hasAnyRole(OPERATOR, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(OPERATOR, AUDITOR, ADMIN)
                        .anyRequest().hasAnyRole(OPERATOR, ADMIN))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The users of {@code leka.admin.users}. Passwords must be {@code {bcrypt}} hashes: a plain-text
     * or {@code {noop}} password stops the start. Replace this bean (OIDC, LDAP) for another source.
     */
    @Bean
    UserDetailsService adminUsers(AdminProperties properties) {
        List<UserDetails> users = properties.users().stream().map(u -> {
            if (u.username() == null || u.username().isBlank()) {
                throw new IllegalStateException("leka.admin.users: every user needs a username");
            }
            if (u.password() == null || !u.password().startsWith("{bcrypt}")) {
                throw new IllegalStateException("leka.admin.users: the password of " + u.username()
                        + " must be a {bcrypt} hash, never plain text");
            }
            List<String> roles = u.roles() == null ? List.of() : u.roles();
            for (String role : roles) {
                if (!List.of(OPERATOR, AUDITOR, ADMIN).contains(role)) {
                    throw new IllegalStateException("leka.admin.users: unknown role " + role + " for " + u.username()
                            + " (OPERATOR, AUDITOR or ADMIN)");
                }
            }
            return User.withUsername(u.username()).password(u.password()).roles(roles.toArray(String[]::new)).build();
        }).toList();
        if (users.isEmpty()) {
            log.warn("No admin users are configured (leka.admin.users): nobody can log in to the admin");
        }
        return new InMemoryUserDetailsManager(users);
    }
}
