package se.leka.order;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.MDC;
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
import se.leka.format.OrgNumber;
import se.leka.format.Personnummer;

/**
 * The deliver step of a request-file job: the file's deliverable lines (accepted N, H and Q), a page
 * at a time in line order, each person answered with complete information into the delivery body
 * and one disclosure-log row, a page per transaction.
 *
 * <p>Why a tasklet and a thread of its own: per page, half of the work is reading (the page of
 * lines, the register's facts for all its persons, formatting the records) and half is writing
 * (the body, the hash-chained disclosure rows, the commit). Reading needs nothing of the writing,
 * so the next page is read on a background thread — on a connection of its own, outside the
 * step's transaction — while this page is written and committed: PostgreSQL answers the register
 * read while Java hashes, and the other way round. Only the writing is transactional, so the
 * guarantees are the chunk step's: a page's body bytes and its disclosure rows commit together
 * (the body writer flushes just before the commit), the last committed line is kept in the step's
 * execution context, and a restart reads on after it and truncates the body back to the committed
 * position. At most one page is read ahead, so the heap holds two pages whatever the file's size.
 */
class DeliveryTasklet implements Tasklet, ItemStream {

    private static final String AFTER_LINE = "deliver.after.line";

    private final OrderFiles files;
    private final CompleteInformation completeInformation;
    private final Watches watches;
    private final BeanIoItemWriter<List<String>> body;
    private final DisclosureLog disclosureLog;
    private final Map<String, LegalBasis> bases;
    private final long fileId;
    private final OrgNumber recipient;
    private final OrgNumber agent;
    private final String agreementId;
    private final String deliveryName;
    private final long jobExecutionId;
    private final int pageSize;
    /** Null in production; a test's hook, called with every line as its page is written. */
    private final OrderLineCheckpoint checkpoint;
    /** The families of a line's code list, one shared immutable set per distinct list. */
    private final Map<String, Set<BenefitFamily>> familySets = new HashMap<>();

    private ExecutorService readAhead;
    private Future<Page> next;
    private int afterLine;

    DeliveryTasklet(OrderFiles files, CompleteInformation completeInformation, Watches watches,
                    BeanIoItemWriter<List<String>> body, DisclosureLog disclosureLog, Map<String, LegalBasis> bases,
                    long fileId, OrgNumber recipient, OrgNumber agent, String agreementId, String deliveryName,
                    long jobExecutionId, int pageSize, OrderLineCheckpoint checkpoint) {
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
        this.pageSize = pageSize;
        this.checkpoint = checkpoint;
    }

    /** A page as read: its lines, the persons' deliveries formatted as records, their disclosures. */
    record Page(int[] lineNumbers, List<List<String>> records, List<Disclosure> disclosures) {

        boolean isEmpty() {
            return lineNumbers.length == 0;
        }

        int lastLine() {
            return lineNumbers[lineNumbers.length - 1];
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        Page page = next != null ? await(next) : read(afterLine);
        next = null;
        if (page.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        int after = page.lastLine();
        Map<String, String> mdc = MDC.getCopyOfContextMap(); // the job log follows the job onto the read-ahead thread
        next = readAhead.submit(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                return read(after);
            } finally {
                MDC.clear();
            }
        });
        for (int line : page.lineNumbers()) {
            if (checkpoint != null) {
                checkpoint.reached("deliver", line);
            }
            contribution.incrementReadCount();
        }
        body.write(new Chunk<>(page.records()));
        disclosureLog.append(page.disclosures());
        contribution.incrementWriteCount(page.lineNumbers().length);
        afterLine = after;
        return RepeatStatus.CONTINUABLE;
    }

    /**
     * Reads the page of deliverable lines after line {@code after}: the questions, the register's
     * answers, the records as they will be written and the disclosures they make. Reads only, and
     * from committed data, so it may run on the read-ahead thread.
     */
    Page read(int after) {
        List<CheckedOrderLine> lines = files.deliverableLinesAfter(fileId, after, pageSize);
        int[] lineNumbers = new int[lines.size()];
        List<CompleteInformation.Question> questions = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            CheckedOrderLine line = lines.get(i);
            lineNumbers[i] = line.lineNumber();
            questions.add(question(line));
        }
        List<PersonDelivery> deliveries = completeInformation.about(questions);
        List<List<String>> records = new ArrayList<>(deliveries.size());
        List<Disclosure> disclosures = new ArrayList<>(deliveries.size());
        for (int i = 0; i < lines.size(); i++) {
            PersonDelivery delivery = deliveries.get(i);
            List<String> group = new ArrayList<>(delivery.facts().size() + 1);
            for (Object record : delivery) {
                group.add((String) record);
            }
            records.add(group);
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
        return new Page(lineNumbers, records, disclosures);
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
        Set<BenefitFamily> families = familySets.get(key);
        if (families == null) {
            families = Set.copyOf(CompleteInformation.families(codes));
            familySets.put(key, families);
        }
        return families;
    }

    private static Page await(Future<Page> page) throws Exception {
        try {
            return page.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void open(ExecutionContext context) {
        afterLine = context.getInt(AFTER_LINE, 0);
        next = null;
        readAhead = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "order-deliver-read-ahead-" + fileId);
            thread.setDaemon(true);
            return thread;
        });
        body.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(AFTER_LINE, afterLine);
        body.update(context);
    }

    @Override
    public void close() {
        if (next != null) {
            next.cancel(true);
            next = null;
        }
        if (readAhead != null) {
            readAhead.shutdownNow();
            readAhead = null;
        }
        body.close();
    }
}
