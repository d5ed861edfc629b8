package se.leka.order;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import se.leka.format.Personnummer;
import se.leka.register.BenefitFact;
import se.leka.register.ChangeKind;

/**
 * What one delivery (LEVE) or answer (SVAR) says about one person: a group tagged complete
 * (informationstyp 0) or changes (1), with one entry per benefit fact. Written as the records of
 * {@code jobs/order-intake/LEVE-v01.xml} by iterating it (see {@link DeliveryRecords}).
 */
public record PersonDelivery(Personnummer person, int informationType, boolean protectedIdentity, String purposeCode,
                             LocalDate fromDate, String partnerReference, List<Fact> facts) implements Iterable<Object> {

    public static final int COMPLETE = 0;
    public static final int CHANGES = 1;

    /** A fact as delivered; {@code changeKind} is null in complete information. */
    public record Fact(BenefitFact fact, ChangeKind changeKind) {
        public Fact {
            Objects.requireNonNull(fact, "fact");
        }
    }

    public PersonDelivery {
        Objects.requireNonNull(person, "person");
        if (informationType != COMPLETE && informationType != CHANGES) {
            throw new IllegalArgumentException("informationType is 0 (complete) or 1 (changes)");
        }
        facts = List.copyOf(facts);
    }

    /**
     * The person record followed by its fact records, each formatted to the byte as the mapping
     * places them ({@link DeliveryRecords#personLine}, {@link DeliveryRecords#factLine}): the body
     * writer writes them as they are.
     */
    @Override
    public java.util.Iterator<Object> iterator() {
        List<Object> records = new ArrayList<>(facts.size() + 1);
        records.add(DeliveryRecords.personLine(this));
        facts.forEach(f -> records.add(DeliveryRecords.factLine(f)));
        return records.iterator();
    }
}
