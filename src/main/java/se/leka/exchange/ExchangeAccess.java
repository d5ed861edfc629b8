package se.leka.exchange;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.leka.agreement.Agreements;
import se.leka.agreement.Assignments;
import se.leka.agreement.Parties;
import se.leka.agreement.Party;
import se.leka.agreement.PartyType;
import se.leka.format.OrgNumber;

/**
 * Who may use which mailbox today, asked afresh on every SFTP session and every file-system
 * operation (no cache), from the agreement room: a party's login while its agreement is ACTIVE
 * today; an agent's login, one mailbox per principal with an assignment active today whose own
 * agreement is ACTIVE today. A login that is unknown or disabled has none.
 */
@Component
class ExchangeAccess {

    private final Parties parties;
    private final Agreements agreements;
    private final Assignments assignments;
    private final JdbcClient jdbc;
    private final ExchangeTime time;

    ExchangeAccess(Parties parties, Agreements agreements, Assignments assignments, JdbcClient jdbc, ExchangeTime time) {
        this.parties = parties;
        this.agreements = agreements;
        this.assignments = assignments;
        this.jdbc = jdbc;
        this.time = time;
    }

    /** The mailboxes the login may use now; empty when it may use none. */
    List<Mailbox> mailboxes(OrgNumber login) {
        boolean enabled = jdbc.sql("SELECT COUNT(*) FROM sftp_login WHERE login = ? AND disabled_at IS NULL")
                .param(login.value()).query(Long.class).single() > 0;
        Optional<Party> party = parties.find(login);
        if (!enabled || party.isEmpty()) {
            return List.of();
        }
        var today = time.today();
        if (party.get().type() == PartyType.AGENT) {
            return assignments.principalsOn(login, today).stream()
                    .filter(principal -> agreements.activeOn(principal, today).isPresent())
                    .map(principal -> Mailbox.viaAgent(login, principal))
                    .toList();
        }
        return agreements.activeOn(login, today).isPresent() ? List.of(Mailbox.of(login)) : List.of();
    }

    boolean mayUse(Mailbox mailbox) {
        return mailboxes(mailbox.login()).contains(mailbox);
    }

    boolean isAgent(OrgNumber login) {
        return parties.find(login).map(p -> p.type() == PartyType.AGENT).orElse(false);
    }
}
