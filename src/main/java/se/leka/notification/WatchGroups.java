package se.leka.notification;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.leka.agreement.DisclosureDecision;
import se.leka.agreement.DisclosurePolicy;
import se.leka.agreement.LegalBasis;
import se.leka.format.BenefitFamily;
import se.leka.order.PersonDelivery;
import se.leka.order.Watch;

/**
 * A stream's active watches, in a fixed order (personnummer, then purpose), turned page by page
 * into the person groups of a delivery. A page starts after a key — the last watch of the previous
 * page — so a restarted step, which reloads the watches, continues after the last committed page
 * whatever else changed meanwhile. Every watch is decided again under the policy of the run date:
 * the families delivered are those watched that the agreement still includes.
 */
abstract class WatchGroups implements GroupSource {

    private static final Logger log = LoggerFactory.getLogger(WatchGroups.class);
    static final Comparator<Watch> ORDER = Comparator.comparing((Watch w) -> w.person().value()).thenComparing(Watch::purposeCode);

    private final Supplier<List<Watch>> loader;
    private final DisclosurePolicy policy;
    private List<Watch> watches;

    WatchGroups(Supplier<List<Watch>> loader, DisclosurePolicy policy) {
        this.loader = loader;
        this.policy = policy;
    }

    /** Up to {@code maxWatches} watches after {@code afterKey} (null: from the first), as person groups. */
    @Override
    public Page next(String afterKey, int maxWatches) {
        List<Watch> all = watches();
        int from = afterKey == null ? 0 : firstAfter(all, afterKey);
        int to = Math.min(all.size(), from + maxWatches);
        List<Watch> page = all.subList(from, to);
        List<Group> groups = new ArrayList<>();
        List<Permitted> permitted = new ArrayList<>(page.size());
        for (Watch watch : page) {
            Permitted p = permit(policy, watch);
            if (p != null) {
                permitted.add(p);
            }
        }
        if (!permitted.isEmpty()) {
            groups.addAll(groups(permitted));
        }
        return new Page(groups, page.isEmpty() ? afterKey : key(page.get(page.size() - 1)), page.size(), to >= all.size());
    }

    /** The groups for permitted watches of one page, in the page's order; a watch may give none. */
    abstract List<Group> groups(List<Permitted> page);

    static String key(Watch w) {
        return w.person().value() + "|" + w.purposeCode();
    }

    private List<Watch> watches() {
        if (watches == null) {
            List<Watch> loaded = new ArrayList<>(loader.get());
            loaded.sort(ORDER);
            watches = Collections.unmodifiableList(loaded);
        }
        return watches;
    }

    private static int firstAfter(List<Watch> sorted, String afterKey) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (key(sorted.get(mid)).compareTo(afterKey) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The watch decided again under {@code policy} (the run date's), or null when it is not delivered (logged). */
    static Permitted permit(DisclosurePolicy policy, Watch watch) {
        Set<BenefitFamily> families = EnumSet.noneOf(BenefitFamily.class);
        families.addAll(watch.benefitFamilies());
        policy.agreement().ifPresent(a -> families.retainAll(a.benefitFamilies()));
        DisclosureDecision decision = families.isEmpty() ? null
                : policy.decide(watch.purposeCode(), families, watch.person(), watch.consentReference(), watch.caseReference());
        if (decision instanceof DisclosureDecision.Permitted permitted) {
            return new Permitted(watch, permitted.basis(), families);
        }
        log.info("Watch {} ({} for {}) not delivered: {}", watch.id(), watch.person(), watch.purposeCode(),
                decision instanceof DisclosureDecision.Refused refused ? refused.reason() + " " + refused.message()
                        : "the agreement includes none of its benefit families");
        return null;
    }

    /** A watch that may be delivered, with the legal basis and the families it is delivered under. */
    record Permitted(Watch watch, LegalBasis basis, Set<BenefitFamily> families) {
    }

    /** A person group ready for a delivery body, with what it is disclosed under. */
    record Group(PersonDelivery delivery, LegalBasis basis, Set<BenefitFamily> families) {
    }

    /**
     * @param lastKey   the key of the page's last watch: where the next page starts
     * @param scanned   watches looked at
     * @param exhausted no watch after this page
     */
    record Page(List<Group> groups, String lastKey, int scanned, boolean exhausted) {
    }
}
