package se.leka.admin;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import se.leka.exchange.FilePage;
import se.leka.exchange.InboundFile;
import se.leka.exchange.InboundFileStatus;
import se.leka.exchange.InboundFiles;
import se.leka.exchange.OutboundFileState;
import se.leka.exchange.OutboundFileStatus;
import se.leka.exchange.OutboundFiles;
import se.leka.exchange.SftpKey;
import se.leka.exchange.SftpLogins;
import se.leka.format.FileType;
import se.leka.format.OrgNumber;

/**
 * The REST API of the files pages, the partners' SFTP keys and the history purge (same roles as
 * the pages; actions answer 202 when done, 409 with the reason when refused).
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class FilesApi {

    /** An inbound file with its receipts, its job executions and the file that reprocessed it (if any). */
    public record InboundFileView(InboundFile file, List<OutboundFileState> receipts, List<ExecutionSummary> executions,
                                  Long reprocessedAs) {
    }

    /** A key to add, or (rotation) the new key and the fingerprint of the one it replaces. */
    public record KeyRequest(String key, String oldFingerprint) {
    }

    private final InboundFiles inboundFiles;
    private final OutboundFiles outboundFiles;
    private final ExecutionQueries executions;
    private final FileActions fileActions;
    private final SftpLogins logins;
    private final PartnerActions partnerActions;
    private final HistoryPurge history;

    FilesApi(InboundFiles inboundFiles, OutboundFiles outboundFiles, ExecutionQueries executions, FileActions fileActions,
             SftpLogins logins, PartnerActions partnerActions, HistoryPurge history) {
        this.inboundFiles = inboundFiles;
        this.outboundFiles = outboundFiles;
        this.executions = executions;
        this.fileActions = fileActions;
        this.logins = logins;
        this.partnerActions = partnerActions;
        this.history = history;
    }

    @Tag(name = "files")
    @Operation(summary = "Inbound files, newest first, by status (any of), partner, part of the file name and days of receipt; paged")
    @GetMapping("/files/inbound")
    FilePage<InboundFile> inbound(@RequestParam(required = false) List<InboundFileStatus> status,
                                  @RequestParam(required = false) String partner, @RequestParam(required = false) String file,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return inboundFiles.search(status == null ? List.of() : status, org(partner), file, from, to, page, size);
    }

    @Tag(name = "files")
    @Operation(summary = "One inbound file: status and reason, its receipts, its job executions")
    @GetMapping("/files/inbound/{id}")
    InboundFileView inboundFile(@PathVariable long id) {
        InboundFile file = inboundFiles.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no inbound file " + id));
        return new InboundFileView(file, outboundFiles.receiptsOf(id), executions.ofInboundFile(file), inboundFiles.reprocessedAs(id).orElse(null));
    }

    @Tag(name = "files")
    @Operation(summary = "Reprocess a QUARANTINED or REJECTED inbound file after correction; 202 with the new inbound file, or 409")
    @PostMapping("/files/inbound/{id}/reprocess")
    ResponseEntity<FileActions.Result> reprocess(@PathVariable long id, Principal who) {
        FileActions.Result result = fileActions.reprocess(id, who.getName());
        return ResponseEntity.status(result.done() ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(result);
    }

    @Tag(name = "files")
    @Operation(summary = "Outbound files with their delivery state, newest first, by state, partner, type, part of the name, days; paged")
    @GetMapping("/files/outbound")
    FilePage<OutboundFileState> outbound(@RequestParam(required = false) OutboundFileStatus status,
                                         @RequestParam(required = false) String partner,
                                         @RequestParam(required = false) FileType type, @RequestParam(required = false) String file,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return outboundFiles.search(status, org(partner), type, file, from, to, page, size);
    }

    @Tag(name = "files")
    @Operation(summary = "A receipt's bytes (ISO-8859-1) while it is in the outbox; other file types are refused (403): they carry personnummer")
    @GetMapping(path = "/files/outbound/{id}/content", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<byte[]> content(@PathVariable long id) {
        return FilesController.receiptContent(outboundFiles, id);
    }

    @Tag(name = "partners")
    @Operation(summary = "The keys in use by a party's SFTP login (404 when it has no login)")
    @GetMapping("/partners/{org}/sftp-keys")
    List<SftpKey> keys(@PathVariable String org) {
        OrgNumber login = OrgNumber.parse(org);
        if (!logins.exists(login)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no SFTP login " + login.value());
        }
        return logins.keys(login);
    }

    @Tag(name = "partners")
    @Operation(summary = "Create a party's SFTP login")
    @PostMapping("/partners/{org}/sftp-login")
    ResponseEntity<ExecutionActions.Result> createLogin(@PathVariable String org, Principal who) {
        return answer(partnerActions.createLogin(org, who.getName()));
    }

    @Tag(name = "partners")
    @Operation(summary = "Add a key (one OpenSSH authorized_keys line in \"key\")")
    @PostMapping(path = "/partners/{org}/sftp-keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ExecutionActions.Result> addKey(@PathVariable String org, @RequestBody KeyRequest request, Principal who) {
        return answer(partnerActions.addKey(org, request.key(), who.getName()));
    }

    @Tag(name = "partners")
    @Operation(summary = "Rotate: add the new key (\"key\"), then remove the old one (\"oldFingerprint\")")
    @PostMapping(path = "/partners/{org}/sftp-keys/rotate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ExecutionActions.Result> rotateKey(@PathVariable String org, @RequestBody KeyRequest request, Principal who) {
        return answer(partnerActions.rotateKey(org, request.oldFingerprint(), request.key(), who.getName()));
    }

    @Tag(name = "partners")
    @Operation(summary = "Remove a key by its fingerprint (SHA256:…)")
    @PostMapping("/partners/{org}/sftp-keys/remove")
    ResponseEntity<ExecutionActions.Result> removeKey(@PathVariable String org, @RequestParam String fingerprint, Principal who) {
        return answer(partnerActions.removeKey(org, fingerprint, who.getName()));
    }

    @Tag(name = "executions")
    @Operation(summary = "What a purge of the history older than N days would remove (default leka.admin.history.purge-after-days)")
    @GetMapping("/history/purge")
    HistoryPurge.Preview purgePreview(@RequestParam(required = false) Integer days) {
        return history.preview(days == null ? history.defaultDays() : Math.max(1, days));
    }

    @Tag(name = "executions")
    @Operation(summary = "Purge the history of finished job instances older than N days (see ops/admin.md)")
    @PostMapping("/history/purge")
    ResponseEntity<ExecutionActions.Result> purge(@RequestParam int days, Principal who) {
        return answer(history.purge(days, who.getName()));
    }

    private static OrgNumber org(String partner) {
        return partner == null || partner.isBlank() ? null : OrgNumber.parse(partner);
    }

    private static ResponseEntity<ExecutionActions.Result> answer(ExecutionActions.Result result) {
        return ResponseEntity.status(result.done() ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(result);
    }
}
