package se.leka.notification;

import java.util.List;
import java.util.function.Supplier;

import se.leka.agreement.DisclosurePolicy;
import se.leka.order.CompleteInformation;

/**
 * Complete information (informationstyp 0) for every watch of a full refresh: what the register
 * holds now for the families delivered, from the watch's from-date — a group per watch, also when
 * nothing is registered ("nothing registered" is information too).
 */
class CompleteGroups extends WatchGroups {

    private final CompleteInformation complete;

    CompleteGroups(Supplier<List<se.leka.order.Watch>> watches, DisclosurePolicy policy, CompleteInformation complete) {
        super(watches, policy);
        this.complete = complete;
    }

    @Override
    List<Group> groups(List<Permitted> page) {
        return page.stream().map(p -> new Group(complete.about(p.watch().person(), p.families(), p.watch().fromDate(),
                p.watch().purposeCode(), p.watch().partnerReference()), p.basis(), p.families())).toList();
    }
}
