package se.leka.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import se.leka.agreement.DisclosurePolicy;
import se.leka.format.Personnummer;
import se.leka.order.PersonDelivery;
import se.leka.order.Watch;
import se.leka.register.BenefitFact;
import se.leka.register.ChangeKind;
import se.leka.register.ChangeLogEntry;
import se.leka.register.RegisterReader;

/**
 * Changes (informationstyp 1) for a stream's watches: the change-log entries after the stream's
 * watermark and up to the run's upper bound, after the watch's own start, for a benefit of the
 * families delivered, about a fact whose period reaches the watch's from-date — each fact once,
 * as its last change in the window left it, with the change kind of the entries (a fact that is NEW in the window
 * stays NEW when it also changed; otherwise the last entry's kind).
 */
class ChangeGroups extends WatchGroups {

    /** Entries per change-log query. */
    static final int ENTRIES_PER_QUERY = 10_000;
    static final Comparator<BenefitFact> FACT_ORDER = Comparator.comparing((BenefitFact f) -> f.benefit().code())
            .thenComparing(BenefitFact::periodFrom).thenComparing(BenefitFact::decisionId)
            .thenComparing(BenefitFact::paymentDate, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(BenefitFact::factKey);

    private final RegisterReader register;
    private final long fromSequence;
    private final long toSequence;

    ChangeGroups(Supplier<List<Watch>> watches, DisclosurePolicy policy, RegisterReader register, long fromSequence,
                 long toSequence) {
        super(watches, policy);
        this.register = register;
        this.fromSequence = fromSequence;
        this.toSequence = toSequence;
    }

    @Override
    List<Group> groups(List<Permitted> page) {
        Set<Personnummer> persons = page.stream().map(p -> p.watch().person()).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<Personnummer, List<ChangeLogEntry>> entries = new HashMap<>();
        for (ChangeLogEntry e : changes(persons)) {
            entries.computeIfAbsent(e.personnummer(), k -> new ArrayList<>()).add(e);
        }
        if (entries.isEmpty()) {
            return List.of();
        }
        // Each fact as its last change in the window left it (not as later imports changed it since):
        // the same run, restarted or not, always writes the same bytes.
        Map<String, Instant> lastChange = new HashMap<>();
        entries.values().forEach(list -> list.forEach(e -> lastChange.put(e.factKey(), e.recordedAt())));
        Map<Instant, List<String>> byInstant = lastChange.entrySet().stream().collect(
                Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        Map<String, BenefitFact> facts = new HashMap<>();
        byInstant.forEach((knownAt, keys) -> register.factsKnownAt(keys, knownAt).forEach(f -> facts.put(f.factKey(), f)));
        List<Group> groups = new ArrayList<>();
        for (Permitted p : page) {
            Watch w = p.watch();
            Map<String, ChangeKind> kinds = new LinkedHashMap<>();
            for (ChangeLogEntry e : entries.getOrDefault(w.person(), List.of())) {
                BenefitFact fact = facts.get(e.factKey());
                if (e.sequence() <= w.changesAfterSequence() || !p.families().contains(e.benefit().family())
                        || fact == null || (fact.periodTo() != null && fact.periodTo().isBefore(w.fromDate()))) {
                    continue;
                }
                kinds.merge(e.factKey(), e.kind(), (earlier, later) -> earlier == ChangeKind.NEW && later == ChangeKind.CHANGED
                        ? ChangeKind.NEW : later);
            }
            if (kinds.isEmpty()) {
                continue;
            }
            List<BenefitFact> changed = kinds.keySet().stream().map(facts::get).sorted(FACT_ORDER).toList();
            groups.add(new Group(new PersonDelivery(w.person(), PersonDelivery.CHANGES,
                    changed.stream().anyMatch(BenefitFact::protectedIdentity), w.purposeCode(), w.fromDate(),
                    w.partnerReference(), changed.stream().map(f -> new PersonDelivery.Fact(f, kinds.get(f.factKey()))).toList()),
                    p.basis(), p.families()));
        }
        return groups;
    }

    /** The entries in (fromSequence, toSequence] about {@code persons}, in sequence order. */
    private List<ChangeLogEntry> changes(Set<Personnummer> persons) {
        List<ChangeLogEntry> all = new ArrayList<>();
        long after = fromSequence;
        while (after < toSequence) {
            List<ChangeLogEntry> batch = register.changesAfter(after, persons, ENTRIES_PER_QUERY);
            for (ChangeLogEntry e : batch) {
                if (e.sequence() > toSequence) {
                    return all; // imported after the run started: the next run delivers it
                }
                all.add(e);
            }
            if (batch.size() < ENTRIES_PER_QUERY) {
                break;
            }
            after = batch.get(batch.size() - 1).sequence();
        }
        return all;
    }
}
