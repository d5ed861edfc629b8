package se.leka.audit;

import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;

/**
 * One person-record that leaves LEKA in a delivery or answer: who received data about whom, on
 * which legal basis, in which file. The legal basis is given as its catalogue id and statute text
 * (the audit room keeps what was decided, it does not decide).
 *
 * @param agent           the ombud the file went through, or null
 * @param jobExecutionId  the job execution that produced the file, or null when none did
 * @param informationType 0 = complete information, 1 = changes (LEFI's informationstyp)
 */
public record Disclosure(OrgNumber recipient, OrgNumber agent, Personnummer person, String purposeCode,
                         String legalBasisId, String statuteReference, Set<BenefitFamily> benefitFamilies,
                         String agreementId, String fileName, Long jobExecutionId, int informationType) {

    public Disclosure {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(purposeCode, "purposeCode");
        Objects.requireNonNull(legalBasisId, "legalBasisId");
        Objects.requireNonNull(statuteReference, "statuteReference");
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(fileName, "fileName");
        if (benefitFamilies == null || benefitFamilies.isEmpty()) {
            throw new IllegalArgumentException("a disclosure names the benefit families disclosed");
        }
        if (informationType != 0 && informationType != 1) {
            throw new IllegalArgumentException("informationType is 0 (complete) or 1 (changes)");
        }
        benefitFamilies = Set.copyOf(benefitFamilies);
    }

    /** The families as stored: codes, sorted, comma-separated. */
    String benefitFamilyCodes() {
        SortedSet<String> codes = new TreeSet<>();
        benefitFamilies.forEach(f -> codes.add(f.code()));
        return String.join(",", codes);
    }
}
