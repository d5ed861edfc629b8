package se.leka.exchange;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.leka.agreement.Parties;
import se.leka.format.OrgNumber;

/**
 * SFTP logins and their public keys. A login is named by the party's organisationsnummer; its keys
 * are OpenSSH {@code authorized_keys} lines, several at a time so that a partner can rotate keys
 * without downtime (add the new key, switch, remove the old one). Whether a login may actually
 * connect is decided per session from its agreement or assignments (see {@code ExchangeAccess}).
 */
@Service
public class SftpLogins {

    private static final Logger log = LoggerFactory.getLogger(SftpLogins.class);

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Parties parties;
    private final ExchangeTime time;

    SftpLogins(org.springframework.jdbc.core.simple.JdbcClient jdbc, Parties parties, ExchangeTime time) {
        this.jdbc = jdbc;
        this.parties = parties;
        this.time = time;
    }

    /** Creates the login for a registered party; does nothing when it exists. */
    @Transactional
    public void create(OrgNumber party) {
        if (parties.find(party).isEmpty()) {
            throw new IllegalArgumentException("Party " + party + " is not registered; register it before creating its login");
        }
        if (exists(party)) {
            return;
        }
        jdbc.sql("INSERT INTO sftp_login (login, created_at) VALUES (?, ?)").params(party.value(), time.now()).update();
        log.info("SFTP login {} created", party.value());
    }

    /**
     * Enables a login that was disabled (the {@code agreement-expiry} job disables a party's login
     * when its agreement ends): for a party that has signed a new agreement. Returns whether it was disabled.
     */
    @Transactional
    public boolean enable(OrgNumber login) {
        int n = jdbc.sql("UPDATE sftp_login SET disabled_at = NULL WHERE login = ? AND disabled_at IS NOT NULL")
                .param(login.value()).update();
        if (n > 0) {
            log.info("SFTP login {} enabled again", login.value());
        }
        return n > 0;
    }

    @Transactional(readOnly = true)
    public boolean exists(OrgNumber login) {
        return jdbc.sql("SELECT COUNT(*) FROM sftp_login WHERE login = ?").param(login.value()).query(Long.class).single() > 0;
    }

    /**
     * Adds a public key (one {@code authorized_keys} line, e.g. {@code ssh-ed25519 AAAA… comment}).
     * Adding a key the login already has (and has not removed) changes nothing.
     *
     * @return the key's SHA-256 fingerprint ({@code SHA256:…}, as {@code ssh-keygen -lf} shows it)
     * @throws IllegalArgumentException when the line is not a public key LEKA can use
     */
    @Transactional
    public String addKey(OrgNumber login, String authorizedKeyLine) {
        if (!exists(login)) {
            throw new IllegalArgumentException("SFTP login " + login.value() + " does not exist");
        }
        String line = authorizedKeyLine == null ? "" : authorizedKeyLine.strip();
        String fingerprint = KeyUtils.getFingerPrint(parse(line));
        Optional<Long> existing = jdbc.sql("SELECT key_id FROM sftp_public_key WHERE login = ? AND fingerprint = ?")
                .params(login.value(), fingerprint).query(Long.class).optional();
        if (existing.isPresent()) {
            jdbc.sql("UPDATE sftp_public_key SET removed_at = NULL WHERE key_id = ?").param(existing.get()).update();
        } else {
            jdbc.sql("INSERT INTO sftp_public_key (login, authorized_key, fingerprint, added_at) VALUES (?, ?, ?, ?)")
                    .params(login.value(), line, fingerprint, time.now()).update();
            log.info("SFTP login {}: key {} added", login.value(), fingerprint);
        }
        return fingerprint;
    }

    /** Removes a key by its fingerprint; sessions authenticated with it are not cut, new ones are refused. */
    @Transactional
    public boolean removeKey(OrgNumber login, String fingerprint) {
        int n = jdbc.sql("UPDATE sftp_public_key SET removed_at = ? WHERE login = ? AND fingerprint = ? AND removed_at IS NULL")
                .params(time.now(), login.value(), fingerprint).update();
        if (n > 0) {
            log.info("SFTP login {}: key {} removed", login.value(), fingerprint);
        }
        return n > 0;
    }

    /** The fingerprints of the login's keys in use. */
    @Transactional(readOnly = true)
    public List<String> fingerprints(OrgNumber login) {
        return jdbc.sql("SELECT fingerprint FROM sftp_public_key WHERE login = ? AND removed_at IS NULL ORDER BY key_id")
                .param(login.value()).query(String.class).list();
    }

    /** The login's keys in use, oldest first, with their type, comment and when they were added. */
    @Transactional(readOnly = true)
    public List<SftpKey> keys(OrgNumber login) {
        return jdbc.sql("SELECT authorized_key, fingerprint, added_at FROM sftp_public_key WHERE login = ? AND removed_at IS NULL ORDER BY key_id")
                .param(login.value())
                .query((rs, n) -> {
                    AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(rs.getString(1));
                    return new SftpKey(rs.getString(2), entry.getKeyType(), entry.getComment() == null ? "" : entry.getComment(),
                            rs.getObject(3, java.time.OffsetDateTime.class));
                }).list();
    }

    /**
     * The SHA-256 fingerprint of an {@code authorized_keys} line, checking that it is a public key
     * LEKA can use — what {@link #addKey} would record, without recording it.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static String fingerprintOf(String authorizedKeyLine) {
        return KeyUtils.getFingerPrint(parse(authorizedKeyLine == null ? "" : authorizedKeyLine.strip()));
    }

    /** The login's keys in use, for authentication. */
    @Transactional(readOnly = true)
    List<PublicKey> publicKeys(OrgNumber login) {
        return jdbc.sql("""
                SELECT k.authorized_key FROM sftp_public_key k JOIN sftp_login l ON l.login = k.login
                WHERE k.login = ? AND k.removed_at IS NULL AND l.disabled_at IS NULL ORDER BY k.key_id""")
                .param(login.value()).query(String.class).list().stream().map(SftpLogins::parse).toList();
    }

    static PublicKey parse(String authorizedKeyLine) {
        try {
            PublicKey key = AuthorizedKeyEntry.parseAuthorizedKeyEntry(authorizedKeyLine)
                    .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            if (key == null) {
                throw new IllegalArgumentException("not a public key line");
            }
            return key;
        } catch (Exception e) {
            throw new IllegalArgumentException("not an OpenSSH authorized_keys line LEKA can use: " + e.getMessage(), e);
        }
    }
}
