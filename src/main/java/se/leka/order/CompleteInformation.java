package se.leka.order;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
        List<BenefitFact> facts = register.currentFacts(person, benefitsOf(families), from).stream()
                .filter(f -> within(f, to)).toList();
        return answer(person, from, purposeCode, partnerReference, facts);
    }

    /** One question for complete information: about whom, which families, from (and up to) which date. */
    public record Question(Personnummer person, Set<BenefitFamily> families, LocalDate from, LocalDate to,
                           String purposeCode, String partnerReference) {
    }

    /**
     * Complete information for many questions, in their order, reading the register once for all
     * of them (a chunk's worth) rather than once a person; each answer is exactly what
     * {@link #about(Personnummer, Set, LocalDate, LocalDate, String, String)} gives.
     */
    public List<PersonDelivery> about(List<Question> questions) {
        if (questions.isEmpty()) {
            return List.of();
        }
        Set<Benefit> benefits = EnumSet.noneOf(Benefit.class);
        questions.forEach(q -> benefits.addAll(benefitsOf(q.families())));
        LocalDate earliest = questions.stream().map(Question::from).min(LocalDate::compareTo).orElseThrow();
        Map<Personnummer, List<BenefitFact>> facts = register.currentFacts(
                questions.stream().map(Question::person).toList(), benefits, earliest);
        return questions.stream().map(q -> {
            Set<Benefit> asked = benefitsOf(q.families());
            return answer(q.person(), q.from(), q.purposeCode(), q.partnerReference(),
                    facts.getOrDefault(q.person(), List.of()).stream()
                            .filter(f -> asked.contains(f.benefit()))
                            .filter(f -> f.periodTo() == null || !f.periodTo().isBefore(q.from()))
                            .filter(f -> within(f, q.to()))
                            .toList());
        }).toList();
    }

    private static boolean within(BenefitFact f, LocalDate to) {
        return to == null || !f.periodFrom().isAfter(to) && (f.paymentDate() == null || !f.paymentDate().isAfter(to));
    }

    private static Set<Benefit> benefitsOf(Set<BenefitFamily> families) {
        Set<Benefit> benefits = EnumSet.noneOf(Benefit.class);
        Arrays.stream(Benefit.values()).filter(b -> families.contains(b.family())).forEach(benefits::add);
        return benefits;
    }

    private static PersonDelivery answer(Personnummer person, LocalDate from, String purposeCode, String partnerReference,
                                         List<BenefitFact> facts) {
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
