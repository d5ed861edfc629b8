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
