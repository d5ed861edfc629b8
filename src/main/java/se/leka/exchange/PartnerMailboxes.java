package se.leka.exchange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.agreement.Assignments;
import se.leka.format.OrgNumber;

/**
 * Where files for a party that asked for nothing (fee specifications, notices) go: the party's own
 * outbox when it has an SFTP login, and the outbox of every agent (ombud) assigned to it on the day,
 * under that agent's subtree for the party. A party with neither still gets its own outbox, where
 * the file waits for a login.
 */
@Service
public class PartnerMailboxes {

    private final SftpLogins logins;
    private final Assignments assignments;

    PartnerMailboxes(SftpLogins logins, Assignments assignments) {
        this.logins = logins;
        this.assignments = assignments;
    }

    @Transactional(readOnly = true)
    public List<Mailbox> of(OrgNumber party, LocalDate day) {
        List<Mailbox> mailboxes = new ArrayList<>();
        if (logins.exists(party)) {
            mailboxes.add(Mailbox.of(party));
        }
        assignments.ofPrincipal(party).stream().filter(a -> a.isActiveOn(day))
                .forEach(a -> mailboxes.add(Mailbox.viaAgent(a.agent(), party)));
        if (mailboxes.isEmpty()) {
            mailboxes.add(Mailbox.of(party));
        }
        return mailboxes;
    }

    /** An output key that is unique per mailbox: {@code base} for the party's own, {@code base:<agent>} via an agent. */
    public static String outputKey(String base, Mailbox mailbox) {
        return mailbox.viaAgent() ? base + ":" + mailbox.login().value() : base;
    }
}
