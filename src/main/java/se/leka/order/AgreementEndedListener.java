package se.leka.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.leka.agreement.AgreementEnded;
import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;

/**
 * When the agreement room's expiry job ends an agreement, the watches held under it end too, with
 * reason {@value #REASON}, from the agreement's end date — so the daily change run sends nothing
 * more to the party. Idempotent: a repeated event finds no active watch left and records nothing.
 */
@Component
class AgreementEndedListener {

    static final String REASON = "agreement ended";
    private static final Logger log = LoggerFactory.getLogger(AgreementEndedListener.class);

    private final Watches watches;
    private final OperatorActionLog actions;

    AgreementEndedListener(Watches watches, OperatorActionLog actions) {
        this.watches = watches;
        this.actions = actions;
    }

    @EventListener
    void on(AgreementEnded event) {
        int ended = watches.endAllUnder(event.agreementId(), event.endedOn(), REASON);
        if (ended > 0) {
            log.info("{} watches under agreement {} ended from {}", ended, event.agreementId(), event.endedOn());
            actions.record("agreement-expiry", "END_WATCHES", "AGREEMENT", event.agreementId(),
                    ended + " watches of " + event.party().value() + " ended from " + event.endedOn() + " (" + REASON
                            + "); job execution " + event.jobExecutionId(), OperatorAction.DONE, null);
        }
    }
}
