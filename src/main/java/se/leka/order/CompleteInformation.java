package se.leka.order;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
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
        // Plain loops and one benefit set per distinct family set: a page holds thousands of questions.
        Map<Set<BenefitFamily>, Set<Benefit>> benefitsByFamilies = new HashMap<>();
        Set<Benefit> benefits = EnumSet.noneOf(Benefit.class);
        List<Personnummer> persons = new ArrayList<>(questions.size());
        LocalDate earliest = null;
        for (Question q : questions) {
            benefits.addAll(benefitsByFamilies.computeIfAbsent(q.families(), CompleteInformation::benefitsOf));
            persons.add(q.person());
            earliest = earliest == null || q.from().isBefore(earliest) ? q.from() : earliest;
        }
        Map<Personnummer, List<BenefitFact>> facts = register.currentFacts(persons, benefits, earliest);
        List<PersonDelivery> answers = new ArrayList<>(questions.size());
        for (Question q : questions) {
            Set<Benefit> asked = benefitsByFamilies.get(q.families());
            List<BenefitFact> answered = new ArrayList<>();
            for (BenefitFact f : facts.getOrDefault(q.person(), List.of())) {
                if (asked.contains(f.benefit()) && (f.periodTo() == null || !f.periodTo().isBefore(q.from()))
                        && within(f, q.to())) {
                    answered.add(f);
                }
            }
            answers.add(answer(q.person(), q.from(), q.purposeCode(), q.partnerReference(), answered));
        }
        return answers;
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
        boolean protectedIdentity = false;
        List<PersonDelivery.Fact> delivered = new ArrayList<>(facts.size());
        for (BenefitFact f : facts) {
            protectedIdentity |= f.protectedIdentity();
            delivered.add(new PersonDelivery.Fact(f, null));
        }
        return new PersonDelivery(person, PersonDelivery.COMPLETE, protectedIdentity, purposeCode, from, partnerReference,
                delivered);
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
