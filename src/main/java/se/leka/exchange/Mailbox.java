package se.leka.exchange;

import java.util.Objects;

import se.leka.format.OrgNumber;

/**
 * Where a partner's files come in and go out: the {@code inbox/} and {@code outbox/} of one login,
 * for one party. A party's own login has one mailbox ({@code inbox/}, {@code outbox/} at the top of
 * its tree); an agent (ombud) has one per principal ({@code <principal>/inbox}, {@code <principal>/outbox}).
 *
 * @param login     the SFTP login (organisationsnummer of the party or agent)
 * @param principal the principal an agent acts for in this mailbox; null for a party's own mailbox
 */
public record Mailbox(OrgNumber login, OrgNumber principal) {

    public static final String INBOX = "inbox";
    public static final String OUTBOX = "outbox";

    public Mailbox {
        Objects.requireNonNull(login, "login");
        if (login.equals(principal)) {
            throw new IllegalArgumentException("a party's own mailbox has no principal");
        }
    }

    /** The party's own mailbox. */
    public static Mailbox of(OrgNumber party) {
        return new Mailbox(party, null);
    }

    /** The agent's mailbox for one principal. */
    public static Mailbox viaAgent(OrgNumber agent, OrgNumber principal) {
        return new Mailbox(agent, Objects.requireNonNull(principal, "principal"));
    }

    /** The party whose agreement the files in this mailbox belong to. */
    public OrgNumber party() {
        return principal != null ? principal : login;
    }

    public boolean viaAgent() {
        return principal != null;
    }

    /** The mailbox's directory relative to the root of all login trees: {@code <login>} or {@code <login>/<principal>}. */
    public String relativeDir() {
        return principal == null ? login.value() : login.value() + "/" + principal.value();
    }

    @Override
    public String toString() {
        return relativeDir();
    }
}
