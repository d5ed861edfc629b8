package se.leka.notification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>It reads from the change log's side: a night's window is small (thousands of entries) while a
 * partner may hold a million watches, so a page takes the next persons (in personnummer order) with
 * entries in the window (the same for every stream of a run: {@link ChangeWindows} reads them once),
 * asks the order room for the stream's active watches of just those persons (index lookups: a row
 * of the stock that did not change is not read), and reads the entries of the persons it found
 * watched. A page ends at a person boundary once it has about {@code maxWatches} watches, so the
 * heap holds at most {@value #PERSONS_PER_PAGE} changed persons and their watches by the stream,
 * whatever the stock. The cursor is the key of the page's last watch
 * (personnummer|purpose, the order of {@link WatchGroups#ORDER}) — or, after persons none of whose
 * watches remain, the last of them followed by {@value #PAST} — so the files come out in the same
 * order, and a restart continues after the same key, as a walk over all the watches would.
 */
class ChangeGroups implements GroupSource {

    /** Persons with changes read per page (distinct personnummer, one query). */
    static final int PERSONS_PER_PAGE = 20_000;
    /** After a personnummer in a cursor: past every purpose of that person. */
    static final String PAST = "|~";
    static final Comparator<BenefitFact> FACT_ORDER = Comparator.comparing((BenefitFact f) -> f.benefit().code())
            .thenComparing(BenefitFact::periodFrom).thenComparing(BenefitFact::decisionId)
            .thenComparing(BenefitFact::paymentDate, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(BenefitFact::factKey);

    /** The stream's watches, as the order room answers for it. */
    @FunctionalInterface
    interface StreamWatches {
        /** The stream's active watches of {@code persons}, in {@link WatchGroups#ORDER}. */
        List<Watch> of(Collection<Personnummer> persons);
    }

    private final StreamWatches watches;
    private final ChangeWindows windows;
    private final DisclosurePolicy policy;
    private final RegisterReader register;
    private final long fromSequence;
    private final long toSequence;
    private final int personsPerPage;

    ChangeGroups(StreamWatches watches, ChangeWindows windows, DisclosurePolicy policy, RegisterReader register,
                 long fromSequence, long toSequence, int personsPerPage) {
        this.watches = watches;
        this.windows = windows;
        this.policy = policy;
        this.register = register;
        this.fromSequence = fromSequence;
        this.toSequence = toSequence;
        // A page after a finished person must reach a new one.
        this.personsPerPage = Math.max(2, personsPerPage);
    }

    @Override
    public WatchGroups.Page next(String afterKey, int maxWatches) {
        // The cursor's person may have watches left (a page never ends inside a person, but a
        // restart across versions might): read from it, inclusive, and drop the keys at or before the cursor.
        Personnummer fromPerson = afterKey == null ? null : Personnummer.parse(personOf(afterKey), LocalDate.MAX);
        List<Personnummer> persons = windows.changedPersons(fromSequence, toSequence, fromPerson, personsPerPage);
        if (persons.isEmpty()) {
            return new WatchGroups.Page(List.of(), afterKey, 0, true);
        }
        boolean morePersons = persons.size() >= personsPerPage;
        String rangeEnd = persons.get(persons.size() - 1).value();
        // The stream's watches of just these persons: index lookups on (party_org, personnummer),
        // no row of the stock read that did not change.
        List<Watch> found = new ArrayList<>(watches.of(persons));
        found.sort(WatchGroups.ORDER);
        List<Watch> page = new ArrayList<>();
        int i = 0;
        for (; i < found.size(); i++) {
            Watch watch = found.get(i);
            if (afterKey != null && WatchGroups.key(watch).compareTo(afterKey) <= 0) {
                continue;
            }
            if (!page.isEmpty() && page.size() >= maxWatches && !watch.person().equals(page.get(page.size() - 1).person())) {
                break; // a page ends at a person boundary: every watch of a person is in one page
            }
            page.add(watch);
        }
        boolean allFound = i >= found.size();
        String lastKey;
        if (!allFound) {
            lastKey = WatchGroups.key(page.get(page.size() - 1));
        } else if (morePersons) {
            lastKey = rangeEnd + PAST;
        } else {
            lastKey = page.isEmpty() ? afterKey : WatchGroups.key(page.get(page.size() - 1));
        }
        List<WatchGroups.Permitted> permitted = new ArrayList<>(page.size());
        for (Watch watch : page) {
            WatchGroups.Permitted p = WatchGroups.permit(policy, watch);
            if (p != null) {
                permitted.add(p);
            }
        }
        List<WatchGroups.Group> groups = permitted.isEmpty() ? List.of() : groups(permitted);
        return new WatchGroups.Page(groups, lastKey, page.size(), allFound && !morePersons);
    }

    private static String personOf(String key) {
        int bar = key.indexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }

    /** The groups for permitted watches of one page, in the page's order; a watch may give none. */
    List<WatchGroups.Group> groups(List<WatchGroups.Permitted> page) {
        Set<Personnummer> persons = page.stream().map(p -> p.watch().person()).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<Personnummer, List<ChangeLogEntry>> entries = new HashMap<>();
        for (ChangeLogEntry e : register.changesOf(persons, fromSequence, toSequence)) {
            entries.computeIfAbsent(e.personnummer(), k -> new ArrayList<>()).add(e);
        }
        if (entries.isEmpty()) {
            return List.of();
        }
        // Each fact as its last change in the window left it (not as later imports changed it since):
        // the same run, restarted or not, always writes the same bytes.
        Map<String, Long> lastChange = new HashMap<>();
        entries.values().forEach(list -> list.forEach(e -> lastChange.put(e.factKey(), e.sequence())));
        Map<String, BenefitFact> facts = new HashMap<>();
        register.factsAsChangedBy(lastChange.values()).forEach(f -> facts.put(f.factKey(), f));
        List<WatchGroups.Group> groups = new ArrayList<>();
        for (WatchGroups.Permitted p : page) {
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
            groups.add(new WatchGroups.Group(new PersonDelivery(w.person(), PersonDelivery.CHANGES,
                    changed.stream().anyMatch(BenefitFact::protectedIdentity), w.purposeCode(), w.fromDate(),
                    w.partnerReference(), changed.stream().map(f -> new PersonDelivery.Fact(f, kinds.get(f.factKey()))).toList()),
                    p.basis(), p.families()));
        }
        return groups;
    }
}
