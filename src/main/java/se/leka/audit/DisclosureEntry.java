package se.leka.audit;

import java.time.LocalDateTime;

/**
 * A row of the disclosure log as stored, with its place in the hash chain. {@code personnummer}
 * is the full twelve digits: only auditors may be shown it (the admin masks it for everyone else).
 */
public record DisclosureEntry(long seq, LocalDateTime disclosedAt, String recipientOrg, String agentOrg,
                              String personnummer, String purposeCode, String legalBasisId, String statuteReference,
                              String benefitFamilies, String agreementId, String fileName, Long jobExecutionId,
                              int informationType, String previousHash, String rowHash) {
}
