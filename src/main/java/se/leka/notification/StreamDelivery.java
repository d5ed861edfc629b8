package se.leka.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import se.leka.audit.Disclosure;
import se.leka.audit.DisclosureLog;
import se.leka.exchange.Mailbox;
import se.leka.exchange.Outboxes;
import se.leka.format.BeanIoItemWriter;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.order.DeliveryFiles;
import se.leka.order.PersonDelivery;

/**
 * Delivers one stream — a mailbox's share of a party's watches — as one delivery file (LEVE), in
 * the transactions of a tasklet step that is called again until it is done:
 *
 * <ol>
 * <li><b>write</b>, once per page of watches: the page's person groups into the delivery body and
 * one disclosure-log row per group, in one transaction, together with the cursor (the last watch
 * of the page) in the step's execution context. The outbound name is reserved, outside the
 * transaction, before the first group is written, so the rows can name the file; a stream without
 * any group reserves nothing (no löpnummer is spent on an empty file).</li>
 * <li><b>publish</b>, in one transaction: {@link Completion#complete} (the daily run advances the
 * stream's watermark and records the outcome there), then the body framed and moved into the
 * outbox through {@link Outboxes#deliver}, which records the file as delivered in the same
 * transaction.</li>
 * </ol>
 *
 * All the state lives in the step execution context (phase, cursor, persons, file name, and the
 * body writer's committed position), so a failed step restarts where its last commit left off, on
 * this instance or another one; the watch list a source caches is only re-read.
 */
class StreamDelivery implements Tasklet, ItemStream {

    private static final Logger log = LoggerFactory.getLogger(StreamDelivery.class);

    static final String PHASE = "leka.stream.phase";
    static final String CURSOR = "leka.stream.cursor";
    static final String PERSONS = "leka.stream.persons";
    static final String FILE_NAME = "leka.stream.fileName";
    private static final String WRITE = "WRITE";
    private static final String PUBLISH = "PUBLISH";
    private static final String DONE = "DONE";

    /** What a stream's delivery is: where it goes and how it is framed. */
    record Target(Mailbox mailbox, String agreementId, String outputKey, LocalDateTime created, Path workDir) {
    }

    /** Called in the publish transaction, before the file is delivered; throw to stop the delivery. */
    @FunctionalInterface
    interface Completion {
        void complete(String fileName, long persons);
    }

    private final Target target;
    private final GroupSource source;
    private final int watchesPerChunk;
    private final Outboxes outboxes;
    private final DisclosureLog disclosureLog;
    private final OrgNumber sender;
    private final TransactionTemplate outsideTransaction;
    private final Completion completion;
    private final NotificationCheckpoint checkpoint;
    private final BeanIoItemWriter<PersonDelivery> body;
    private boolean finished;
    private long plannedItems = -1;

    StreamDelivery(Target target, GroupSource source, int watchesPerChunk, Outboxes outboxes, DisclosureLog disclosureLog,
                   OrgNumber sender, PlatformTransactionManager transactionManager, Completion completion,
                   NotificationCheckpoint checkpoint) {
        this.target = target;
        this.source = source;
        this.watchesPerChunk = watchesPerChunk;
        this.outboxes = outboxes;
        this.disclosureLog = disclosureLog;
        this.sender = sender;
        this.outsideTransaction = new TransactionTemplate(transactionManager);
        outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.completion = completion;
        this.checkpoint = checkpoint == null ? (point, mailbox) -> { } : checkpoint;
        this.body = DeliveryFiles.bodyWriter("stream-body", body(target.workDir()));
    }

    /**
     * Counts the stream as {@code watches} items read once it is published, whatever its pages
     * looked at: a source that reads only the watches with changes still lets the job's progress
     * (planned watches) reach its total.
     */
    StreamDelivery countingWatches(long watches) {
        this.plannedItems = watches;
        return this;
    }

    static Path body(Path workDir) {
        return workDir.resolve("LEVE.body");
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ExecutionContext state = step.getExecutionContext();
        String phase = state.getString(PHASE, WRITE);
        String mailbox = target.mailbox().relativeDir();
        if (phase.equals(WRITE)) {
            checkpoint.reached("read", mailbox);
            WatchGroups.Page page = source.next(state.getString(CURSOR, null), watchesPerChunk);
            for (int i = 0; i < page.scanned(); i++) {
                contribution.incrementReadCount();
            }
            if (!page.groups().isEmpty()) {
                String fileName = state.containsKey(FILE_NAME) ? state.getString(FILE_NAME) : reserve(step.getJobExecutionId());
                state.putString(FILE_NAME, fileName);
                checkpoint.reached("write", mailbox);
                write(page.groups(), fileName, step.getJobExecutionId());
                state.putLong(PERSONS, state.getLong(PERSONS, 0) + page.groups().size());
                contribution.incrementWriteCount(page.groups().size());
            }
            if (page.lastKey() != null) {
                state.putString(CURSOR, page.lastKey());
            }
            if (page.exhausted()) {
                state.putString(PHASE, PUBLISH);
            }
            return RepeatStatus.CONTINUABLE;
        }
        if (phase.equals(PUBLISH)) {
            String fileName = state.containsKey(FILE_NAME) ? state.getString(FILE_NAME) : null;
            long persons = state.getLong(PERSONS, 0);
            completion.complete(fileName, persons);
            if (fileName != null) {
                Path bodyFile = body(target.workDir());
                if (!Files.exists(bodyFile)) {
                    throw new IllegalStateException("delivery body " + bodyFile + " is missing");
                }
                outboxes.deliver(target.mailbox(), FileType.LEVE, target.outputKey(), step.getJobExecutionId(),
                        (name, out) -> DeliveryFiles.frame(FileType.LEVE, sender, target.agreementId(), target.created(), name,
                                bodyFile, out));
            }
            for (long i = step.getReadCount(); i < plannedItems; i++) {
                contribution.incrementReadCount();
            }
            checkpoint.reached("published", mailbox);
            state.putString(PHASE, DONE);
            finished = true;
            log.info("Stream {}: {}", mailbox, fileName == null ? "nothing to deliver" : persons + " persons in " + fileName);
        }
        return RepeatStatus.FINISHED;
    }

    private String reserve(long jobExecutionId) {
        // In a transaction of its own: Outboxes retries a name another delivery took at the same moment.
        return outsideTransaction.execute(status -> outboxes.reserve(target.mailbox(), FileType.LEVE, target.outputKey(),
                jobExecutionId).fileName().toString());
    }

    private void write(List<WatchGroups.Group> groups, String fileName, long jobExecutionId) throws Exception {
        body.write(new Chunk<>(groups.stream().map(WatchGroups.Group::delivery).toList()));
        OrgNumber agent = target.mailbox().viaAgent() ? target.mailbox().login() : null;
        disclosureLog.append(groups.stream().map(g -> new Disclosure(target.mailbox().party(), agent, g.delivery().person(),
                g.basis().purposeCode(), g.basis().id(), g.basis().statuteReference(), g.families(), target.agreementId(),
                fileName, jobExecutionId, g.delivery().informationType())).toList());
    }

    @Override
    public void open(ExecutionContext context) {
        body.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        body.update(context);
    }

    @Override
    public void close() {
        body.close();
        if (finished) {
            cleanUp(target.workDir());
        }
    }

    /** Removes a finished stream's work directory. */
    private static void cleanUp(Path workDir) {
        try {
            Files.deleteIfExists(body(workDir));
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + workDir, e);
        }
    }
}
