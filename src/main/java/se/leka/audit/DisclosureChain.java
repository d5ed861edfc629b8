package se.leka.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * How a disclosure-log row is hashed: SHA-256 over the previous row's hash and every stored field,
 * in a fixed order, separated by a unit separator that cannot occur in the fields. Changing this
 * breaks every existing chain, so it never changes; a new scheme would need a new column.
 */
final class DisclosureChain {

    static final String GENESIS = "0".repeat(64);
    private static final char SEPARATOR = '\u001F';
    private static final HexFormat HEX = HexFormat.of();

    private DisclosureChain() {
    }

    /** Timestamps are stored and hashed at microsecond precision, which both databases keep exactly. */
    static LocalDateTime normalise(LocalDateTime t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    static String hash(String previousHash, long seq, LocalDateTime disclosedAt, String recipientOrg, String agentOrg,
                       String personnummer, String purposeCode, String legalBasisId, String statuteReference,
                       String benefitFamilies, String agreementId, String fileName, Long jobExecutionId,
                       int informationType) {
        return hash(sha256(), previousHash, seq, disclosedAt, recipientOrg, agentOrg, personnummer, purposeCode,
                legalBasisId, statuteReference, benefitFamilies, agreementId, fileName, jobExecutionId, informationType);
    }

    /** As above with a digest the caller reuses for many rows (one per append, not one per row). */
    static String hash(MessageDigest sha256, String previousHash, long seq, LocalDateTime disclosedAt, String recipientOrg,
                       String agentOrg, String personnummer, String purposeCode, String legalBasisId,
                       String statuteReference, String benefitFamilies, String agreementId, String fileName,
                       Long jobExecutionId, int informationType) {
        StringBuilder s = new StringBuilder(256).append(previousHash);
        for (Object field : new Object[] {seq, normalise(disclosedAt), recipientOrg, agentOrg, personnummer, purposeCode,
                legalBasisId, statuteReference, benefitFamilies, agreementId, fileName, jobExecutionId, informationType}) {
            s.append(SEPARATOR).append(field == null ? "" : field);
        }
        sha256.reset();
        return HEX.formatHex(sha256.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Hashes the rows of one append exactly as {@link #hash(MessageDigest, String, long, LocalDateTime,
     * String, String, String, String, String, String, String, String, String, Long, int)} does, with
     * what all of them share — the time, rendered once — and one digest and buffer for all: a job
     * appends thousands of rows a transaction, and the per-row boxing and formatting cost more than
     * the digest.
     */
    static final class Hasher {

        private final MessageDigest sha256 = sha256();
        private final String disclosedAt;
        private final StringBuilder s = new StringBuilder(512);

        Hasher(LocalDateTime disclosedAt) {
            this.disclosedAt = normalise(disclosedAt).toString();
        }

        String hash(String previousHash, long seq, String recipientOrg, String agentOrg, String personnummer,
                    String purposeCode, String legalBasisId, String statuteReference, String benefitFamilies,
                    String agreementId, String fileName, Long jobExecutionId, int informationType) {
            s.setLength(0);
            s.append(previousHash).append(SEPARATOR).append(seq).append(SEPARATOR).append(disclosedAt);
            field(recipientOrg);
            field(agentOrg);
            field(personnummer);
            field(purposeCode);
            field(legalBasisId);
            field(statuteReference);
            field(benefitFamilies);
            field(agreementId);
            field(fileName);
            s.append(SEPARATOR);
            if (jobExecutionId != null) {
                s.append(jobExecutionId.longValue());
            }
            s.append(SEPARATOR).append(informationType);
            sha256.reset();
            return HEX.formatHex(sha256.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        }

        private void field(String value) {
            s.append(SEPARATOR);
            if (value != null) {
                s.append(value);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String hash(DisclosureEntry e) {
        return hash(e.previousHash(), e.seq(), e.disclosedAt(), e.recipientOrg(), e.agentOrg(), e.personnummer(),
                e.purposeCode(), e.legalBasisId(), e.statuteReference(), e.benefitFamilies(), e.agreementId(),
                e.fileName(), e.jobExecutionId(), e.informationType());
    }
}
