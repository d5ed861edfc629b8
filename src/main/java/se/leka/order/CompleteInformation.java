package se.leka.order;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import se.leka.format.Benefit;
import se.leka.format.BenefitFamily;
import se.leka.format.Personnummer;
import se.leka.register.BenefitFact;
import se.leka.register.RegisterReader;

/**
 * Complete information (informationstyp 0) about one person for a watch or a query: every fact the
 * register holds now — at the moment of the question — for the benefits of the allowed families
 * whose period reaches the from-date.
 */
@Component
public class CompleteInformation {

    private final RegisterReader register;

    CompleteInformation(RegisterReader register) {
        this.register = register;
    }

    public PersonDelivery about(Personnummer person, Set<BenefitFamily> families, LocalDate from, String purposeCode,
                                String partnerReference) {
        return about(person, families, from, null, purposeCode, partnerReference);
    }

    /**
     * As {@link #about(Personnummer, Set, LocalDate, String, String)}, bounded by {@code to} (null:
     * no bound): facts whose period begins after it, and payments made after it, are left out.
     */
    public PersonDelivery about(Personnummer person, Set<BenefitFamily> families, LocalDate from, LocalDate to,
                                String purposeCode, String partnerReference) {
        Set<Benefit> benefits = EnumSet.noneOf(Benefit.class);
        Arrays.stream(Benefit.values()).filter(b -> families.contains(b.family())).forEach(benefits::add);
        List<BenefitFact> facts = register.currentFacts(person, benefits, from).stream()
                .filter(f -> to == null || !f.periodFrom().isAfter(to) && (f.paymentDate() == null || !f.paymentDate().isAfter(to)))
                .toList();
        boolean protectedIdentity = facts.stream().anyMatch(BenefitFact::protectedIdentity);
        return new PersonDelivery(person, PersonDelivery.COMPLETE, protectedIdentity, purposeCode, from, partnerReference,
                facts.stream().map(f -> new PersonDelivery.Fact(f, null)).toList());
    }

    static Set<BenefitFamily> families(String codes) {
        Set<BenefitFamily> families = EnumSet.noneOf(BenefitFamily.class);
        if (codes != null) {
            Arrays.stream(codes.split(",")).filter(c -> !c.isBlank())
                    .forEach(c -> families.add(BenefitFamily.fromCode(c).orElseThrow()));
        }
        return families;
    }
}
