package se.leka.order;

import java.nio.charset.CharacterCodingException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import se.leka.agreement.LegalBasis;
import se.leka.audit.Disclosure;
import se.leka.audit.DisclosureLog;
import se.leka.format.BeanIoItemWriter;
import se.leka.format.BenefitFamily;
import se.leka.format.EncodedRecords;
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;
import se.leka.format.StrictCharset;

/**
 * The deliver step of a request-file job: the file's deliverable lines (accepted N, H and Q), a page
 * at a time in line order, each person answered with complete information into the delivery file
 * (after its start record, which the writer wrote first) and one disclosure-log row, a page per
 * transaction.
 *
 * <p>Why a tasklet and threads of its own: per page, most of the work is reading (the page's
 * lines, the register's facts for all its persons, formatting and encoding the records) and the
 * rest is writing (the body bytes, the hash-chained disclosure rows, the commit). Reading needs
 * nothing of the writing, so pages are read by {@code readers} background threads — each on a
 * connection of its own, outside the step's transaction — while the step thread writes and
 * commits: PostgreSQL answers register reads while Java formats and hashes, and the other way
 * round. The step thread is the one that cannot be parallel (the disclosure chain is a sequence),
 * so it does nothing a reader can do: a page is a range of {@code pageSize} line numbers, which
 * a reader lists itself, and its records reach the step thread as bytes. Pages are written
 * strictly in line order. Only the writing is transactional, so the guarantees are the chunk
 * step's: a page's bytes and its disclosure rows commit together (the file's writer flushes just
 * before the commit), the end of the last committed page is kept in the step's execution context,
 * and a restart reads on after it, drops whatever was read ahead and truncates the file back to the
 * committed position. At most {@code readers} pages are read ahead, so the heap holds
 * {@code readers + 1} pages whatever the file's size.
 */
class DeliveryTasklet implements Tasklet, ItemStream {

    private static final String AFTER_LINE = "deliver.after.line";
    /**
     * Characters of a page's records encoded at a time: a page is about a megabyte, and arrays of
     * half a megabyte and more are "humongous" to G1 — each allocated directly in the old generation
     * and able to start a collection.
     */
    private static final int CHUNK_CHARS = 128 * 1024;

    private final OrderFiles files;
    private final CompleteInformation completeInformation;
    private final Watches watches;
    private final BeanIoItemWriter<EncodedRecords> body;
    private final DisclosureLog disclosureLog;
    private final Map<String, LegalBasis> bases;
    private final long fileId;
    private final OrgNumber recipient;
    private final OrgNumber agent;
    private final String agreementId;
    private final String deliveryName;
    private final long jobExecutionId;
    private final int pageSize;
    private final int readers;
    /** Null in production; a test's hook, called with every line as its page is written. */
    private final OrderLineCheckpoint checkpoint;
    /** The families of a line's code list, one shared immutable set per distinct list (readers share it). */
    private final Map<String, Set<BenefitFamily>> familySets = new ConcurrentHashMap<>();

    private ReadAhead readAhead;
    /** Pages handed to the readers, in line order. */
    private final Deque<Future<Page>> reading = new ArrayDeque<>();
    /** The end of the last page written and committed: every line up to it is delivered. */
    private int afterLine;
    /** The end of the last page handed to a reader. */
    private int handedOutUpTo;
    /** The file's last line: no page begins after it. */
    private int lastLine;

    DeliveryTasklet(OrderFiles files, CompleteInformation completeInformation, Watches watches,
                    BeanIoItemWriter<EncodedRecords> body, DisclosureLog disclosureLog, Map<String, LegalBasis> bases,
                    long fileId, OrgNumber recipient, OrgNumber agent, String agreementId, String deliveryName,
                    long jobExecutionId, int pageSize, int readers, OrderLineCheckpoint checkpoint) {
        this.files = files;
        this.completeInformation = completeInformation;
        this.watches = watches;
        this.body = body;
        this.disclosureLog = disclosureLog;
        this.bases = bases;
        this.fileId = fileId;
        this.recipient = recipient;
        this.agent = agent;
        this.agreementId = agreementId;
        this.deliveryName = deliveryName;
        this.jobExecutionId = jobExecutionId;
        if (pageSize < 1 || readers < 1) {
            throw new IllegalArgumentException("leka.order.deliver-page-size and leka.order.deliver-readers must be at least 1, not "
                    + pageSize + " and " + readers);
        }
        this.pageSize = pageSize;
        this.readers = readers;
        this.checkpoint = checkpoint;
    }

    /**
     * A page as read: the lines after {@code afterLine} up to {@code upToLine}, the deliverable ones
     * among them, their persons' records encoded for the body, their disclosures.
     */
    record Page(int upToLine, int[] lineNumbers, EncodedRecords records, List<Disclosure> disclosures) {
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        handOutAhead();
        if (reading.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        Page page = ReadAhead.await(reading.poll());
        handOutAhead(); // the readers go on with the next pages while this one is written
        for (int line : page.lineNumbers()) {
            if (checkpoint != null) {
                checkpoint.reached("deliver", line);
            }
            contribution.incrementReadCount();
        }
        if (page.lineNumbers().length > 0) {
            body.write(Chunk.of(page.records()));
            disclosureLog.append(page.disclosures());
        }
        contribution.incrementWriteCount(page.lineNumbers().length);
        afterLine = page.upToLine();
        return RepeatStatus.CONTINUABLE;
    }

    /** Hands the pages after the last one handed out to the readers, up to {@code readers} at a time. */
    private void handOutAhead() {
        while (handedOutUpTo < lastLine && reading.size() < readers) {
            int after = handedOutUpTo;
            int upTo = (int) Math.min(lastLine, (long) after + pageSize);
            reading.add(readAhead.submit(() -> read(after, upTo)));
            handedOutUpTo = upTo;
        }
    }

    /**
     * Reads the page of lines after {@code afterLine} up to {@code upToLine}: its deliverable lines,
     * the register's answers to their questions, the records as they will be written and the
     * disclosures they make. Reads only, and from committed data, so it may run on a reader thread.
     */
    Page read(int afterLine, int upToLine) throws CharacterCodingException {
        List<CheckedOrderLine> lines = files.deliverableLines(fileId, afterLine, upToLine);
        int[] lineNumbers = new int[lines.size()];
        List<CompleteInformation.Question> questions = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            CheckedOrderLine line = lines.get(i);
            lineNumbers[i] = line.lineNumber();
            questions.add(question(line));
        }
        List<PersonDelivery> deliveries = completeInformation.about(questions);
        StringBuilder text = new StringBuilder(CHUNK_CHARS + 8 * 1024);
        List<byte[]> chunks = new ArrayList<>();
        int records = 0;
        List<Disclosure> disclosures = new ArrayList<>(deliveries.size());
        for (int i = 0; i < lines.size(); i++) {
            PersonDelivery delivery = deliveries.get(i);
            for (Object record : delivery) {
                text.append((String) record).append('\n');
                records++;
            }
            if (text.length() >= CHUNK_CHARS) {
                chunks.add(StrictCharset.encode(text, StrictCharset.FILES));
                text.setLength(0);
            }
            CheckedOrderLine line = lines.get(i);
            LegalBasis basis = bases.get(line.legalBasisId());
            if (basis == null) {
                throw new IllegalStateException("line " + line.lineNumber() + ": no legal basis " + line.legalBasisId()
                        + " in the catalogue: nothing is disclosed without one");
            }
            CompleteInformation.Question q = questions.get(i);
            disclosures.add(new Disclosure(recipient, agent, q.person(), basis.purposeCode(), basis.id(),
                    basis.statuteReference(), q.families(), agreementId, deliveryName, jobExecutionId,
                    delivery.informationType()));
        }
        if (!text.isEmpty()) {
            chunks.add(StrictCharset.encode(text, StrictCharset.FILES));
        }
        return new Page(upToLine, lineNumbers, new EncodedRecords(chunks, records),
                disclosures);
    }

    private CompleteInformation.Question question(CheckedOrderLine line) {
        Personnummer person = Personnummer.parse(line.personnummer(), LocalDate.MAX);
        LocalDate from = line.fromDate() != null ? line.fromDate()
                : watches.active(recipient, person, line.purposeCode()).map(Watch::fromDate).orElseThrow(
                        () -> new IllegalStateException("line " + line.lineNumber() + ": no active watch to refresh"));
        return new CompleteInformation.Question(person, families(line.benefitFamilies()), from, line.toDate(),
                line.purposeCode(), line.partnerReference());
    }

    private Set<BenefitFamily> families(String codes) {
        String key = codes == null ? "" : codes;
        return familySets.computeIfAbsent(key, k -> Set.copyOf(CompleteInformation.families(codes)));
    }

    @Override
    public void open(ExecutionContext context) {
        afterLine = context.getInt(AFTER_LINE, 0);
        handedOutUpTo = afterLine;
        lastLine = files.lastLine(fileId);
        reading.clear();
        readAhead = new ReadAhead("order-deliver-reader-" + fileId, readers);
        body.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(AFTER_LINE, afterLine);
        body.update(context);
    }

    @Override
    public void close() {
        reading.forEach(page -> page.cancel(true));
        reading.clear();
        if (readAhead != null) {
            readAhead.close();
            readAhead = null;
        }
        body.close();
    }
}
