package se.leka.exchange;

import java.time.OffsetDateTime;

/**
 * A public key in use by an SFTP login ({@link SftpLogins#keys}).
 *
 * @param fingerprint its SHA-256 fingerprint ({@code SHA256:…}, as {@code ssh-keygen -lf} shows it)
 * @param algorithm   the key type, e.g. {@code ssh-ed25519}
 * @param comment     the comment of its {@code authorized_keys} line, empty when none
 */
public record SftpKey(String fingerprint, String algorithm, String comment, OffsetDateTime addedAt) {
}
