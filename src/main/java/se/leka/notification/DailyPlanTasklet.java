package se.leka.notification;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import se.leka.agreement.Agreement;
import se.leka.agreement.DeliveryFrequency;
import se.leka.agreement.DisclosureDecision;
import se.leka.agreement.DisclosureDecisions;
import se.leka.agreement.DisclosurePolicy;
import se.leka.exchange.Mailbox;
import se.leka.order.Watches;
import se.leka.register.RegisterReader;

/**
 * The daily run's first step, in one transaction: on a day the calendar does not deliver, nothing
 * (exit {@code NOT_A_DELIVERY_DAY}); otherwise the upper bound of the change log (everything the
 * run delivers is at or below it; what is imported later goes next time) and one row per stream
 * with watches: PLANNED from its watermark, SKIPPED with the reason (agreement not active on the
 * run date, agent's assignment not in force, an earlier run still unfinished for it), or NOT_DUE
 * (weekly agreement already delivered this week).
 *
 * <p>A stream whose party (through the same agent) has an order file between its hold and its
 * apply ({@link Watches#pending()}) is planned only up to the position the hold was set at, with
 * reason {@value #HELD_BY_ORDER_FILE}: the file's new watches are not visible yet, and a window
 * past that position would move the watermark past changes they must still be sent. The rest of
 * the changes go with the next run. The holds are read after the upper bound, so that a hold this
 * run does not see was set after the bound was read — and the file's complete information, read
 * after its hold, then holds everything up to the bound. An abandoned or completed order job holds
 * nothing.
 */
class DailyPlanTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DailyPlanTasklet.class);
    static final ExitStatus NOT_A_DELIVERY_DAY = new ExitStatus("NOT_A_DELIVERY_DAY");
    static final String EARLIER_RUN_UNFINISHED = "EARLIER_RUN_UNFINISHED";
    static final String HELD_BY_ORDER_FILE = "HELD_BY_ORDER_FILE";

    private final DeliveryCalendar calendar;
    private final RegisterReader register;
    private final Watches watches;
    private final DisclosureDecisions decisions;
    private final NotificationStore store;
    private final JobRepository jobRepository;
    private final LocalDate runDate;

    DailyPlanTasklet(DeliveryCalendar calendar, RegisterReader register, Watches watches, DisclosureDecisions decisions,
                     NotificationStore store, JobRepository jobRepository, LocalDate runDate) {
        this.calendar = calendar;
        this.register = register;
        this.watches = watches;
        this.decisions = decisions;
        this.store = store;
        this.jobRepository = jobRepository;
        this.runDate = runDate;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
        ExecutionContext context = job.getExecutionContext();
        if (!calendar.isDeliveryDay(runDate)) {
            context.putLong(DailyNotificationJobConfiguration.TOTAL_ITEMS, 0);
            log.info("{} is not a delivery day ({} calendar): nothing delivered, watermarks unchanged; the changes go out on {}",
                    runDate, calendar.kind(), calendar.nextDeliveryDay(runDate));
            contribution.setExitStatus(NOT_A_DELIVERY_DAY);
            return RepeatStatus.FINISHED;
        }
        long bound = register.latestSequence();
        context.putLong(DailyNotificationJobConfiguration.UPPER_BOUND, bound);
        context.putString(DailyNotificationJobConfiguration.CREATED,
                LocalDateTime.now(ZoneId.of("Europe/Stockholm")).withNano(0).toString());
        List<Watches.Pending> pending = watches.pending().stream().filter(p -> !ended(p.jobExecutionId())).toList();
        long total = 0;
        Map<StreamRun.Status, Integer> counts = new EnumMap<>(StreamRun.Status.class);
        for (Watches.Holder holder : watches.holders()) {
            Mailbox mailbox = holder.agent() == null ? Mailbox.of(holder.party()) : Mailbox.viaAgent(holder.agent(), holder.party());
            StreamRun run = plan(mailbox, holder, bound, pending);
            store.insertStreamRun(run, job.getId());
            counts.merge(run.status(), 1, Integer::sum);
            if (run.status() == StreamRun.Status.PLANNED) {
                total += holder.activeWatches();
                if (run.reason() != null) {
                    log.warn("Stream {} planned up to {} only: {}", mailbox, run.toSequence(), run.message());
                }
            } else {
                log.warn("Stream {} {}: {} {}", mailbox, run.status(), run.reason() == null ? "" : run.reason(),
                        run.message());
            }
        }
        context.putLong(DailyNotificationJobConfiguration.TOTAL_ITEMS, total);
        log.info("Daily run {}: change log up to {}; streams {}", runDate, bound, counts);
        return RepeatStatus.FINISHED;
    }

    private StreamRun plan(Mailbox mailbox, Watches.Holder holder, long bound, List<Watches.Pending> pending) {
        DisclosurePolicy policy = decisions.policyFor(holder.party(), holder.agent(), null, runDate);
        Optional<DisclosureDecision.Refused> refusal = policy.partyLevelRefusal();
        String agreementId = policy.agreement().map(Agreement::agreementId).orElse(null);
        if (refusal.isPresent()) {
            return new StreamRun(runDate, mailbox, agreementId, StreamRun.Status.SKIPPED, refusal.get().reason().name(),
                    refusal.get().message(), holder.activeWatches(), null, null);
        }
        Optional<StreamRun> unfinished = store.unfinished(mailbox, runDate).stream()
                .filter(earlier -> !abandoned(earlier.jobExecutionId())).map(NotificationStore.Planned::run).findFirst();
        if (unfinished.isPresent()) {
            return new StreamRun(runDate, mailbox, agreementId, StreamRun.Status.SKIPPED, EARLIER_RUN_UNFINISHED,
                    "the run of " + unfinished.get().runDate() + " has not delivered this stream yet: restart it (or abandon it)"
                            + " and the next run delivers from where it ends", holder.activeWatches(), null, null);
        }
        NotificationStore.Watermark watermark = store.watermark(mailbox);
        Agreement agreement = policy.agreement().orElseThrow();
        if (agreement.deliveryFrequency() == DeliveryFrequency.WEEKLY && watermark.lastRunDate() != null
                && sameWeek(watermark.lastRunDate(), runDate)) {
            return new StreamRun(runDate, mailbox, agreementId, StreamRun.Status.NOT_DUE, null,
                    "weekly delivery; delivered on " + watermark.lastRunDate(), holder.activeWatches(), watermark.sequence(), null);
        }
        Optional<Watches.Pending> holding = pending.stream()
                .filter(p -> p.party().equals(holder.party()) && Objects.equals(p.agent(), holder.agent())
                        && p.changesAfterSequence() < bound)
                .min(Comparator.comparingLong(Watches.Pending::changesAfterSequence));
        if (holding.isPresent()) {
            Watches.Pending file = holding.get();
            return new StreamRun(runDate, mailbox, agreementId, StreamRun.Status.PLANNED, HELD_BY_ORDER_FILE,
                    "changes after " + file.changesAfterSequence() + " wait for the next run: order file " + file.fileName()
                            + " (job execution " + file.jobExecutionId() + ") has not applied its watches yet",
                    holder.activeWatches(), watermark.sequence(), Math.max(file.changesAfterSequence(), watermark.sequence()));
        }
        return new StreamRun(runDate, mailbox, agreementId, StreamRun.Status.PLANNED, null, null, holder.activeWatches(),
                watermark.sequence(), Math.max(bound, watermark.sequence()));
    }

    /** True when the run that planned a stream was abandoned by an operator: it will never deliver. */
    private boolean abandoned(long jobExecutionId) {
        JobExecution planned = jobRepository.getJobExecution(jobExecutionId);
        if (planned == null) {
            return true;
        }
        JobExecution last = jobRepository.getLastJobExecution(planned.getJobInstance());
        return last != null && last.getStatus() == BatchStatus.ABANDONED;
    }

    /**
     * True when the order job that set a hold has ended without releasing it: abandoned (it will
     * never apply its watches) or completed (it did, or it had applied them before the hold existed:
     * a job restarted across the upgrade that added the hold). Either way it holds nothing.
     */
    private boolean ended(long jobExecutionId) {
        JobExecution held = jobRepository.getJobExecution(jobExecutionId);
        if (held == null) {
            return true;
        }
        JobExecution last = jobRepository.getLastJobExecution(held.getJobInstance());
        return last != null && (last.getStatus() == BatchStatus.ABANDONED || last.getStatus() == BatchStatus.COMPLETED);
    }

    static boolean sameWeek(LocalDate a, LocalDate b) {
        return a.get(IsoFields.WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_BASED_YEAR)
                && a.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }
}
