package se.leka.order;

import java.time.LocalDate;
import java.util.Set;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;

/**
 * A watch (bevakning): {@code party} receives the watched benefit families of {@code person} for
 * {@code purposeCode}, from {@code fromDate}, on the legal basis resolved when it was ordered.
 *
 * @param agent   the ombud that ordered it for the party, or null
 * @param endedOn null while the watch is active
 * @param changesAfterSequence the register change log's sequence when the watch started: its first
 *                             (complete) delivery covers what came before, the daily change run
 *                             sends the entries after it
 */
public record Watch(long id, OrgNumber party, OrgNumber agent, String agreementId, Personnummer person,
                    String purposeCode, String legalBasisId, Set<BenefitFamily> benefitFamilies, LocalDate fromDate,
                    String consentReference, String caseReference, String partnerReference, LocalDate startedOn,
                    LocalDate endedOn, String endReason, long changesAfterSequence) {

    public boolean active() {
        return endedOn == null;
    }
}
