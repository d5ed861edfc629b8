package se.leka.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import se.leka.agreement.Agreement;
import se.leka.agreement.AgreementStanding;
import se.leka.agreement.Agreements;
import se.leka.agreement.Parties;
import se.leka.agreement.PartyType;
import se.leka.format.EndRecord;
import se.leka.format.FileEnvelopeException;
import se.leka.format.FileName;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;
import se.leka.format.StartRecord;

/**
 * Intake: takes a complete file out of an inbox, records it with its SHA-256 in
 * {@code inbound_file}, moves the original bytes to {@code archive/} (or {@code quarantine/}),
 * checks name, envelope, sender, agreement, duplicates and sequence number, writes the INTAKE
 * receipt and hands an accepted file to the {@link InboundFileRoute} for its type.
 *
 * <p>Every file goes through one single-threaded executor, so the sequence and duplicate checks
 * never race. Each step is recorded before the next begins; {@link #recover} (at start-up) finishes
 * whatever a crash interrupted, so a file is never lost and never processed twice.
 */
@Component
class Intake implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu/MM");

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "exchange-intake");
        t.setDaemon(true);
        return t;
    });
    private final InboundFileStore store;
    private final ExchangeDirectories directories;
    private final ExchangeAccess access;
    private final Parties parties;
    private final Agreements agreements;
    private final Receipts receipts;
    private final ExchangeTime time;
    private final TransactionTemplate tx;
    private final ObjectProvider<InboundFileRoute> routes;

    Intake(InboundFileStore store, ExchangeDirectories directories, ExchangeAccess access, Parties parties,
           Agreements agreements, Receipts receipts, ExchangeTime time, TransactionTemplate tx,
           ObjectProvider<InboundFileRoute> routes) {
        this.store = store;
        this.directories = directories;
        this.access = access;
        this.parties = parties;
        this.agreements = agreements;
        this.receipts = receipts;
        this.time = time;
        this.tx = tx;
        this.routes = routes;
    }

    InboundFileStore store() {
        return store;
    }

    /** Queues a complete file (never a {@code .part}) that arrived in the mailbox's inbox. */
    void submit(Path file, Mailbox mailbox) {
        executor.execute(() -> {
            try {
                take(file, mailbox, null);
            } catch (RuntimeException e) {
                log.error("Intake of {} from {} failed; it stays where it is and is taken again at the next start-up",
                        file.getFileName(), mailbox, e);
            }
        });
    }

    /** Runs {@code work} on the intake thread and waits for it. */
    <T> T onIntakeThread(java.util.concurrent.Callable<T> work) {
        try {
            return executor.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Records the file, moves it to the archive and processes it. Runs on the intake thread. */
    long take(Path source, Mailbox mailbox, Long reprocessOf) {
        String name = source.getFileName().toString();
        if (FileName.isUploadInProgress(name)) {
            throw new IllegalArgumentException(name + " is still being uploaded");
        }
        try {
            String sha256 = Checksums.sha256(source);
            long size = Files.size(source);
            OffsetDateTime receivedAt = time.now();
            Long id = tx.execute(s -> {
                long newId = store.insertReceived(reprocessOf == null ? name : originalName(name), size, sha256, mailbox,
                        receivedAt, source, reprocessOf);
                store.storedAt(newId, archivePath(newId, reprocessOf == null ? name : originalName(name), receivedAt));
                return newId;
            });
            Path archived = store.find(id).orElseThrow().storedPath();
            Files.createDirectories(archived.getParent());
            Files.move(source, archived, StandardCopyOption.ATOMIC_MOVE);
            log.info("Inbound file {} taken from {}: {} ({} bytes, SHA-256 {})", id, mailbox, name, size, sha256);
            process(id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take " + name + " from " + mailbox, e);
        }
    }

    /** Reprocessed copies are named {@code <old id>-reprocess-<original name>} in incoming/; the row keeps the original name. */
    private static String originalName(String copyName) {
        int at = copyName.indexOf("-reprocess-");
        return at < 0 ? copyName : copyName.substring(at + "-reprocess-".length());
    }

    private Path archivePath(long id, String name, OffsetDateTime at) {
        return directories.archive().resolve(MONTH.format(at)).resolve(id + "_" + safe(name));
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Carries an inbound file forward from whatever step it is at. Idempotent. */
    void process(long id) {
        InboundFile file = store.find(id).orElseThrow();
        if (file.status() == InboundFileStatus.RECEIVED) {
            file = decide(file);
        }
        if (file.receiptFileId() == null && file.status() != InboundFileStatus.RECEIVED
                && file.status() != InboundFileStatus.REPROCESSED) {
            OutboundFile receipt = receipts.send(file.mailbox(), id, intakeReceipt(file), null);
            store.receipt(id, receipt.id());
            file = store.find(id).orElseThrow();
        }
        if (file.status() == InboundFileStatus.ACCEPTED || file.status() == InboundFileStatus.AWAITING_JOB) {
            route(file);
        }
    }

    private InboundFile decide(InboundFile file) {
        Path stored = file.storedPath();
        if (!Files.exists(stored)) {
            Path source = Path.of(store.sourcePath(file.id()));
            Path quarantined = quarantinePath(file);
            try {
                if (Files.exists(source)) {
                    Files.createDirectories(stored.getParent());
                    Files.move(source, stored, StandardCopyOption.ATOMIC_MOVE);
                } else if (Files.exists(quarantined)) {
                    stored = quarantined;
                } else {
                    log.error("Inbound file {} ({}): original bytes not found at {} nor {}; left RECEIVED for an operator",
                            file.id(), file.fileName(), stored, source);
                    return file;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Verdict verdict = evaluate(file, stored);
        if (verdict.status() == InboundFileStatus.QUARANTINED && !stored.equals(quarantinePath(file))) {
            Path target = quarantinePath(file);
            try {
                Files.writeString(target.resolveSibling(target.getFileName() + ".reason.txt"),
                        "inbound file " + file.id() + "\ncode " + verdict.code() + "\nfield " + verdict.field()
                                + "\nmessage " + verdict.message() + "\n", StandardCharsets.UTF_8);
                Files.move(stored, target, StandardCopyOption.ATOMIC_MOVE);
                stored = target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path storedPath = stored;
        tx.executeWithoutResult(s -> store.decided(file.id(), verdict, storedPath));
        if (verdict.code() == null) {
            log.info("Inbound file {} ({}) accepted: {} seq {} with {} records", file.id(), file.fileName(),
                    verdict.fileType(), verdict.sequenceNumber(), verdict.recordCount());
        } else {
            log.warn("Inbound file {} ({}) from {} {}: {} {} - {}", file.id(), file.fileName(), file.mailbox(),
                    verdict.status(), verdict.code(), verdict.field() == null ? "" : verdict.field(), verdict.message());
        }
        return store.find(file.id()).orElseThrow();
    }

    private Path quarantinePath(InboundFile file) {
        return directories.quarantine().resolve(file.id() + "_" + safe(file.fileName()));
    }

    /** The outcome of the checks; {@code code} is null for an accepted file. */
    record Verdict(InboundFileStatus status, IntakeErrorCode code, String field, String message, long line,
                   String party, String fileType, Long sequenceNumber, Long recordCount) {

        static Verdict refused(IntakeErrorCode code, String field, String message, long line, FileName name,
                               StartRecord start, Long recordCount) {
            return new Verdict(code.outcome(), code, field, message, line,
                    start != null ? start.party().value() : name != null ? name.party().value() : null,
                    start != null ? start.fileType().code() : name != null ? name.fileType().code() : null,
                    start != null ? Long.valueOf(start.sequenceNumber()) : name != null ? Long.valueOf(name.sequenceNumber()) : null, recordCount);
        }
    }

    /** The intake checks, in the order documented in jobs/intake/README.md. */
    Verdict evaluate(InboundFile file, Path stored) {
        Optional<Long> earlier = store.acceptedWithChecksum(file.sha256(), file.mailbox().login(), file.id());
        FileName name;
        try {
            name = FileName.parse(file.fileName());
        } catch (FileEnvelopeException e) {
            if (earlier.isPresent()) {
                return Verdict.refused(IntakeErrorCode.DUPLICATE_FILE, "", duplicateMessage(earlier.get()), 0, null, null, null);
            }
            return Verdict.refused(IntakeErrorCode.FILE_NAME_INVALID, "fileName", e.getMessage(), 0, null, null, null);
        }
        if (earlier.isPresent()) {
            return Verdict.refused(IntakeErrorCode.DUPLICATE_FILE, "", duplicateMessage(earlier.get()), 0, name, null, null);
        }
        Content content;
        try {
            content = Content.read(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (content.badCharacterLine() > 0) {
            return Verdict.refused(IntakeErrorCode.ENCODING_INVALID, "", "line " + content.badCharacterLine()
                    + " holds a control character or binary data; files are ISO-8859-1 text", content.badCharacterLine(), name, null, null);
        }
        StartRecord start;
        try {
            start = StartRecord.parse(content.first());
        } catch (FileEnvelopeException e) {
            return Verdict.refused(IntakeErrorCode.START_RECORD_INVALID, e.field(), e.getMessage(), 1, name, null, null);
        }
        long recordCount = Math.max(0, content.lines() - 2);
        if (!name.party().equals(start.party())) {
            return Verdict.refused(IntakeErrorCode.NAME_START_RECORD_MISMATCH, "fileName", "file name names party "
                    + name.party().value() + " but the start record's " + (start.sentByAgent() ? "principal" : "sender")
                    + " is " + start.party().value(), 1, name, start, recordCount);
        }
        if (name.fileType() != start.fileType()) {
            return Verdict.refused(IntakeErrorCode.NAME_START_RECORD_MISMATCH, "fileType", "file name says "
                    + name.fileType() + ", start record says " + start.fileType(), 1, name, start, recordCount);
        }
        if (name.sequenceNumber() != start.sequenceNumber()) {
            return Verdict.refused(IntakeErrorCode.NAME_START_RECORD_MISMATCH, "sequenceNumber", "file name has sequence number "
                    + name.sequenceNumber() + ", start record " + start.sequenceNumber(), 1, name, start, recordCount);
        }
        if (parties.find(start.sender()).isEmpty()) {
            return Verdict.refused(IntakeErrorCode.SENDER_UNKNOWN, "sender", "sender " + start.sender().value()
                    + " is not a LEKA party", 1, name, start, recordCount);
        }
        if (start.principal() != null && parties.find(start.principal()).isEmpty()) {
            return Verdict.refused(IntakeErrorCode.SENDER_UNKNOWN, "principal", "principal " + start.principal().value()
                    + " is not a LEKA party", 1, name, start, recordCount);
        }
        Mailbox mailbox = file.mailbox();
        if (!start.sender().equals(mailbox.login())) {
            return Verdict.refused(IntakeErrorCode.SENDER_NOT_AUTHORISED, "sender", "file from sender " + start.sender().value()
                    + " was uploaded by login " + mailbox.login().value(), 1, name, start, recordCount);
        }
        if (!java.util.Objects.equals(start.principal(), mailbox.principal())) {
            return Verdict.refused(IntakeErrorCode.SENDER_NOT_AUTHORISED, "principal", mailbox.viaAgent()
                    ? "a file in the inbox for principal " + mailbox.principal().value() + " must name that principal in the start record"
                    : "only an agent (ombud) names a principal, in the inbox for that principal", 1, name, start, recordCount);
        }
        if (mailbox.viaAgent() && !access.mayUse(mailbox)) {
            return Verdict.refused(IntakeErrorCode.SENDER_NOT_AUTHORISED, "principal", "agent " + mailbox.login().value()
                    + " has no assignment for " + mailbox.principal().value() + " in force today", 1, name, start, recordCount);
        }
        if (!mailbox.viaAgent() && access.isAgent(mailbox.login())) {
            return Verdict.refused(IntakeErrorCode.SENDER_NOT_AUTHORISED, "principal", "an agent (ombud) sends for a principal,"
                    + " from the inbox of that principal", 1, name, start, recordCount);
        }
        if (start.fileType().direction() != FileType.Direction.INBOUND) {
            return Verdict.refused(IntakeErrorCode.FILE_TYPE_NOT_ALLOWED, "fileType", start.fileType()
                    + " is a file type LEKA sends, not one it receives", 1, name, start, recordCount);
        }
        if (parties.find(start.party()).map(p -> p.type() == PartyType.AGENT).orElse(false)) {
            return Verdict.refused(IntakeErrorCode.FILE_TYPE_NOT_ALLOWED, "fileType", "an agent has no agreement of its own;"
                    + " it sends " + start.fileType() + " files for a principal", 1, name, start, recordCount);
        }
        if (content.lines() < 2) {
            return Verdict.refused(IntakeErrorCode.END_RECORD_INVALID, "recordType", "the file has no end record",
                    content.lines(), name, start, recordCount);
        }
        EndRecord end;
        try {
            end = EndRecord.parse(content.last());
        } catch (FileEnvelopeException e) {
            return Verdict.refused(IntakeErrorCode.END_RECORD_INVALID, e.field(), e.getMessage(), content.lines(), name, start, recordCount);
        }
        if (end.recordCount() != recordCount) {
            return Verdict.refused(IntakeErrorCode.RECORD_COUNT_MISMATCH, "recordCount", "end record counts "
                    + end.recordCount() + " detail records, the file has " + recordCount, content.lines(), name, start, recordCount);
        }
        Optional<Agreement> agreement = agreements.activeOn(start.party(), time.today());
        if (agreement.isEmpty()) {
            String standing = agreements.of(start.party()).stream().map(a -> a.agreementId() + " " + a.standingOn(time.today()))
                    .collect(Collectors.joining(", "));
            return Verdict.refused(IntakeErrorCode.AGREEMENT_NOT_ACTIVE, "", "party " + start.party().value()
                    + " has no agreement active today" + (standing.isEmpty() ? "" : " (" + standing + ")"), 1, name, start, recordCount);
        }
        if (!start.agreementId().isEmpty() && !start.agreementId().equals(agreement.get().agreementId())) {
            return Verdict.refused(IntakeErrorCode.AGREEMENT_NOT_ACTIVE, "agreementId", "agreement " + start.agreementId()
                    + " is not the agreement active today (" + agreement.get().agreementId() + ")", 1, name, start, recordCount);
        }
        long last = store.lastAcceptedSequence(start.party(), start.fileType().code());
        if (start.sequenceNumber() <= last) {
            return Verdict.refused(IntakeErrorCode.DUPLICATE_SEQUENCE, "sequenceNumber", "sequence number "
                    + start.sequenceNumber() + " was already accepted for " + start.fileType() + "; the next is " + (last + 1),
                    1, name, start, recordCount);
        }
        if (start.sequenceNumber() > last + 1) {
            return Verdict.refused(IntakeErrorCode.SEQUENCE_GAP, "sequenceNumber", "sequence number "
                    + start.sequenceNumber() + " leaves a gap: the next expected for " + start.fileType() + " is " + (last + 1),
                    1, name, start, recordCount);
        }
        return new Verdict(InboundFileStatus.ACCEPTED, null, null, null, 0, start.party().value(), start.fileType().code(),
                start.sequenceNumber(), recordCount);
    }

    private String duplicateMessage(long earlierId) {
        InboundFile earlier = store.find(earlierId).orElseThrow();
        return "identical to " + earlier.fileName() + " accepted at " + earlier.receivedAt().atZoneSameInstant(ExchangeTime.SWEDEN)
                .toLocalDateTime().withNano(0) + "; not processed again";
    }

    /** First line, last non-empty line, line count, first line with a control character. */
    record Content(String first, String last, long lines, long badCharacterLine) {

        static Content read(Path file) throws IOException {
            String first = null;
            String last = null;
            long lines = 0;
            long bad = 0;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    lines++;
                    if (first == null) {
                        first = line;
                    }
                    last = line;
                    if (bad == 0 && line.chars().anyMatch(c -> c < 0x20 || (c >= 0x7F && c < 0xA0))) {
                        bad = lines;
                    }
                }
            }
            return new Content(first, last, lines, bad);
        }
    }

    private Receipt intakeReceipt(InboundFile file) {
        long records = file.recordCount() == null ? 0 : file.recordCount();
        var receivedAt = file.receivedAt().atZoneSameInstant(ExchangeTime.SWEDEN).toLocalDateTime().withNano(0);
        long sequence = file.sequenceNumber() == null ? 0 : file.sequenceNumber();
        if (file.errorCode() == null) {
            return new Receipt(Receipt.Kind.INTAKE, file.fileName(), file.sha256(), sequence, ReceiptStatus.ACCEPTED,
                    records, records, 0, receivedAt, List.of());
        }
        long line = file.errorLine() == null ? 0 : file.errorLine();
        return new Receipt(Receipt.Kind.INTAKE, file.fileName(), file.sha256(), sequence, ReceiptStatus.REJECTED,
                records, 0, records, receivedAt,
                List.of(new ReceiptError(line, file.errorField(), file.errorCode(), file.errorMessage())));
    }

    private void route(InboundFile file) {
        Map<FileType, InboundFileRoute> byType = routes.orderedStream()
                .collect(Collectors.toMap(InboundFileRoute::fileType, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("two routes for file type " + a.fileType());
                }));
        FileType type = FileType.valueOf(file.fileType());
        InboundFileRoute route = byType.get(type);
        if (route == null) {
            if (file.status() != InboundFileStatus.AWAITING_JOB) {
                store.status(file.id(), InboundFileStatus.AWAITING_JOB, null);
                log.info("Inbound file {} ({}): no job takes {} files yet; kept as AWAITING_JOB", file.id(), file.fileName(), type);
            }
            return;
        }
        try {
            FileName name = FileName.parse(file.fileName());
            Content content = Content.read(file.storedPath());
            AcceptedInboundFile accepted = new AcceptedInboundFile(file.id(), file.sha256(), file.storedPath(), name,
                    StartRecord.parse(content.first()), file.recordCount(), file.mailbox(), file.receivedAt());
            long jobExecutionId = route.start(accepted);
            store.status(file.id(), InboundFileStatus.ROUTED, jobExecutionId);
            log.info("Inbound file {} ({}) handed to its job: job execution {}", file.id(), file.fileName(), jobExecutionId);
        } catch (Exception e) {
            log.error("Inbound file {} ({}): starting its job failed; it stays {} and is routed again at the next start-up",
                    file.id(), file.fileName(), file.status(), e);
        }
    }

    /** Finishes what a crash interrupted, then (embedded mode) takes complete files left in inboxes. */
    void recover(boolean scanInboxes) {
        onIntakeThread(() -> {
            for (long id : store.unfinished()) {
                try {
                    process(id);
                } catch (RuntimeException e) {
                    log.error("Recovery of inbound file {} failed", id, e);
                }
            }
            if (scanInboxes) {
                scanInboxes();
            }
            return null;
        });
    }

    private void scanInboxes() {
        Set<String> inProgress = new HashSet<>(store.sourcesInProgress());
        Path logins = directories.logins();
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(logins, Files::isDirectory)) {
            for (Path home : homes) {
                if (!OrgNumber.isValid(home.getFileName().toString())) {
                    continue;
                }
                OrgNumber login = OrgNumber.parse(home.getFileName().toString());
                scan(home.resolve(Mailbox.INBOX), Mailbox.of(login), inProgress);
                try (DirectoryStream<Path> subtrees = Files.newDirectoryStream(home, Files::isDirectory)) {
                    for (Path subtree : subtrees) {
                        String principal = subtree.getFileName().toString();
                        if (OrgNumber.isValid(principal)) {
                            scan(subtree.resolve(Mailbox.INBOX), Mailbox.viaAgent(login, OrgNumber.parse(principal)), inProgress);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan inboxes under " + logins, e);
        }
    }

    private void scan(Path inbox, Mailbox mailbox, Set<String> inProgress) throws IOException {
        if (!Files.isDirectory(inbox)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox, Files::isRegularFile)) {
            for (Path file : files) {
                if (!FileName.isUploadInProgress(file.getFileName().toString()) && !inProgress.contains(file.toString())) {
                    log.info("Complete file {} found in {}/inbox at start-up", file.getFileName(), mailbox);
                    take(file, mailbox, null);
                }
            }
        }
    }

    long reprocess(long id) {
        return onIntakeThread(() -> {
            InboundFile old = store.find(id).orElseThrow(() -> new IllegalArgumentException("no inbound file " + id));
            if (old.status() != InboundFileStatus.QUARANTINED && old.status() != InboundFileStatus.REJECTED) {
                throw new IllegalStateException("inbound file " + id + " is " + old.status()
                        + "; only QUARANTINED or REJECTED files are reprocessed");
            }
            Path copy = directories.incoming().resolve(id + "-reprocess-" + old.fileName());
            Files.copy(old.storedPath(), copy, StandardCopyOption.REPLACE_EXISTING);
            long newId = take(copy, old.mailbox(), id);
            store.status(id, InboundFileStatus.REPROCESSED, null);
            log.info("Inbound file {} reprocessed as inbound file {}", id, newId);
            return newId;
        });
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
