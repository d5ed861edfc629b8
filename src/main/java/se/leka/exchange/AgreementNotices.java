package se.leka.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import se.leka.agreement.Agreement;
import se.leka.agreement.AgreementEnded;
import se.leka.agreement.AgreementEnding;
import se.leka.agreement.AgreementStatus;
import se.leka.agreement.AgreementTerminationNotified;
import se.leka.agreement.Agreements;
import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;
import se.leka.format.EndRecord;
import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;
import se.leka.format.StrictCharset;

/**
 * The exchange room's side of an agreement's end. Access itself is refused by date from the
 * termination's effective date on (see {@code ExchangeAccess}), so the partner is told while it can
 * still fetch files:
 *
 * <ul>
 * <li>{@link AgreementTerminationNotified} (a termination registered): notice {@code UPPS} into the
 *     partner's outboxes, when the effective date is still ahead;</li>
 * <li>{@link AgreementEnding} (the expiry job, on the last day of access): the final notice {@code SLUT};</li>
 * <li>{@link AgreementEnded}: the party's own SFTP login is disabled, unless another agreement of
 *     the party is still in force or on its way.</li>
 * </ul>
 *
 * Notices are {@code MEDD} files (layout in {@code jobs/agreement-expiry/README.md}), delivered once
 * per agreement, kind and mailbox (output key), so a repeated event writes nothing new.
 */
@Component
class AgreementNotices {

    static final String REGISTERED = "UPPS";
    static final String FINAL = "SLUT";
    static final int FORMAT_VERSION = 1;
    static final int RECORD_LENGTH = 120;
    private static final Logger log = LoggerFactory.getLogger(AgreementNotices.class);

    private final Outboxes outboxes;
    private final PartnerMailboxes mailboxes;
    private final Agreements agreements;
    private final ExchangeProperties properties;
    private final ExchangeTime time;
    private final JdbcClient jdbc;
    private final OperatorActionLog actions;

    AgreementNotices(Outboxes outboxes, PartnerMailboxes mailboxes, Agreements agreements, ExchangeProperties properties,
                     ExchangeTime time, JdbcClient jdbc, OperatorActionLog actions) {
        this.outboxes = outboxes;
        this.mailboxes = mailboxes;
        this.agreements = agreements;
        this.properties = properties;
        this.time = time;
        this.jdbc = jdbc;
        this.actions = actions;
    }

    /** After the registration commits (an operator's action in the admin). */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void on(AgreementTerminationNotified event) {
        LocalDate today = time.today();
        if (!event.effectiveOn().isAfter(today)) {
            log.info("Termination of {} is effective from {}: the partner can no longer fetch a notice", event.agreementId(),
                    event.effectiveOn());
            return;
        }
        notify(REGISTERED, event.agreementId(), event.party(), event.receivedOn(), event.effectiveOn(), today, null);
    }

    @EventListener
    void on(AgreementEnding event) {
        notify(FINAL, event.agreementId(), event.party(), null, event.effectiveOn(), event.lastDayOfAccess(), event.jobExecutionId());
    }

    @EventListener
    void on(AgreementEnded event) {
        boolean another = agreements.of(event.party()).stream()
                .filter(a -> !a.agreementId().equals(event.agreementId()))
                .anyMatch(a -> stillGoing(a, event.endedOn()));
        if (another) {
            log.info("Party {} has another agreement: its SFTP login stays", event.party());
            return;
        }
        int disabled = jdbc.sql("UPDATE sftp_login SET disabled_at = ? WHERE login = ? AND disabled_at IS NULL")
                .params(time.now(), event.party().value()).update();
        if (disabled > 0) {
            log.info("SFTP login {} disabled: agreement {} ended from {}", event.party().value(), event.agreementId(), event.endedOn());
            actions.record("agreement-expiry", "DISABLE_SFTP_LOGIN", "SFTP_LOGIN", event.party().value(),
                    "agreement " + event.agreementId() + " ended from " + event.endedOn() + "; job execution " + event.jobExecutionId(),
                    OperatorAction.DONE, null);
        }
    }

    private static boolean stillGoing(Agreement a, LocalDate day) {
        return a.status() != AgreementStatus.ENDED
                && (a.terminationEffectiveOn() == null || a.terminationEffectiveOn().isAfter(day));
    }

    private void notify(String code, String agreementId, OrgNumber party, LocalDate receivedOn, LocalDate effectiveOn,
                        LocalDate day, Long jobExecutionId) {
        String record = record(code, agreementId, receivedOn, effectiveOn);
        OrgNumber sender = OrgNumber.parse(properties.ownOrgNumber());
        LocalDateTime created = time.now().toLocalDateTime().withNano(0);
        for (Mailbox mailbox : mailboxes.of(party, day)) {
            String key = PartnerMailboxes.outputKey("agreement-notice:" + code + ":" + agreementId, mailbox);
            OutboundFile file = outboxes.deliver(mailbox, FileType.MEDD, key, jobExecutionId,
                    (name, out) -> write(sender, agreementId, name, created, record, out));
            if (jobExecutionId != null) {
                actions.record("agreement-expiry", "NOTICE_" + code, "AGREEMENT", agreementId,
                        file.fileName() + " into " + mailbox + "/outbox; job execution " + jobExecutionId, OperatorAction.DONE, null);
            }
        }
    }

    /** Record {@code 60}: one per notice. */
    static String record(String code, String agreementId, LocalDate receivedOn, LocalDate effectiveOn) {
        LocalDate lastDay = effectiveOn.minusDays(1);
        String text = REGISTERED.equals(code)
                ? "Avtalet upphör " + effectiveOn + "; sista dag för filutbyte " + lastDay + "."
                : "Sista dag för filutbyte " + lastDay + "; åtkomsten stängs " + effectiveOn + ".";
        String line = "60" + code + pad(agreementId, 20) + (receivedOn == null ? " ".repeat(10) : receivedOn.toString())
                + effectiveOn + lastDay + text;
        if (line.length() > RECORD_LENGTH) {
            throw new IllegalStateException("notice record longer than " + RECORD_LENGTH);
        }
        return pad(line, RECORD_LENGTH);
    }

    static void write(OrgNumber sender, String agreementId, FileName name, LocalDateTime created, String record, OutputStream out)
            throws IOException {
        StartRecord start = new StartRecord(FileType.MEDD, FORMAT_VERSION, sender, null, agreementId, name.sequenceNumber(), created);
        out.write(StrictCharset.encode(start.format() + "\n" + record + "\n" + new EndRecord(1).format() + "\n", StrictCharset.FILES));
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value.substring(0, width) : value + " ".repeat(width - value.length());
    }
}
