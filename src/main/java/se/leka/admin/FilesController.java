package se.leka.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.leka.exchange.FilePage;
import se.leka.exchange.InboundFile;
import se.leka.exchange.InboundFileStatus;
import se.leka.exchange.InboundFiles;
import se.leka.exchange.OutboundFileState;
import se.leka.exchange.OutboundFileStatus;
import se.leka.exchange.OutboundFiles;
import se.leka.format.FileType;

/**
 * The files pages: inbound files with their status, receipts and job executions; the quarantine
 * (QUARANTINED and REJECTED files with the reason, and "reprocess" after correction); outbound
 * files with their delivery state. Receipts can be downloaded; other files cannot, here: inbound
 * orders and outbound deliveries carry personnummer.
 */
@Controller
class FilesController {

    /** The statuses the quarantine page lists: files intake refused that may be reprocessed after correction. */
    static final Set<InboundFileStatus> REPROCESSABLE = EnumSet.of(InboundFileStatus.QUARANTINED, InboundFileStatus.REJECTED);

    private final InboundFiles inboundFiles;
    private final OutboundFiles outboundFiles;
    private final ExecutionQueries executions;
    private final FileActions actions;

    FilesController(InboundFiles inboundFiles, OutboundFiles outboundFiles, ExecutionQueries executions, FileActions actions) {
        this.inboundFiles = inboundFiles;
        this.outboundFiles = outboundFiles;
        this.executions = executions;
        this.actions = actions;
    }

    @GetMapping("/files")
    String files() {
        return "redirect:/files/inbound";
    }

    @GetMapping("/files/inbound")
    String inbound(@ModelAttribute("filter") FileFilter filter, Model model) {
        model.addAttribute("statuses", Arrays.stream(InboundFileStatus.values()).map(Enum::name).toList());
        model.addAttribute("quarantine", false);
        model.addAttribute("page", searchInbound(filter, filter.status() == null || filter.status().isBlank() ? Set.of()
                : Set.of(parse(InboundFileStatus.class, filter.status())), model));
        return "files/inbound";
    }

    @GetMapping("/files/quarantine")
    String quarantine(@ModelAttribute("filter") FileFilter filter, Model model) {
        model.addAttribute("statuses", REPROCESSABLE.stream().map(Enum::name).toList());
        model.addAttribute("quarantine", true);
        Set<InboundFileStatus> statuses = filter.status() == null || filter.status().isBlank() ? REPROCESSABLE
                : Set.of(parse(InboundFileStatus.class, filter.status()));
        model.addAttribute("page", searchInbound(filter, statuses, model));
        return "files/inbound";
    }

    @GetMapping("/files/inbound/{id}")
    String inboundFile(@PathVariable long id, Model model) {
        InboundFile file = inboundFile(id);
        model.addAttribute("file", file);
        model.addAttribute("reprocessable", REPROCESSABLE.contains(file.status()));
        model.addAttribute("receipts", outboundFiles.receiptsOf(id));
        model.addAttribute("executions", executions.ofInboundFile(file));
        model.addAttribute("reprocessedAs", inboundFiles.reprocessedAs(id).orElse(null));
        return "files/inbound-detail";
    }

    @GetMapping("/files/inbound/{id}/reprocess")
    String confirmReprocess(@PathVariable long id, Model model) {
        InboundFile file = inboundFile(id);
        model.addAttribute("file", file);
        model.addAttribute("reprocessable", REPROCESSABLE.contains(file.status()));
        return "files/reprocess";
    }

    @PostMapping("/files/inbound/{id}/reprocess")
    String reprocess(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        FileActions.Result result = actions.reprocess(id, principal.getName());
        redirect.addFlashAttribute(result.done() ? "notice" : "problem",
                "Reprocessing of inbound file " + id + (result.done() ? ": " : " refused: ") + result.message());
        return "redirect:/files/inbound/" + (result.done() ? result.inboundFileId() : id);
    }

    @GetMapping("/files/outbound")
    String outbound(@ModelAttribute("filter") FileFilter filter, Model model) {
        model.addAttribute("statuses", Arrays.stream(OutboundFileStatus.values()).map(Enum::name).toList());
        model.addAttribute("types", Arrays.stream(FileType.values()).filter(t -> t.direction() == FileType.Direction.OUTBOUND)
                .map(FileType::code).toList());
        FilePage<OutboundFileState> page;
        try {
            page = outboundFiles.search(filter.status() == null || filter.status().isBlank() ? null
                            : parse(OutboundFileStatus.class, filter.status()), filter.partnerOrNull(),
                    filter.type() == null || filter.type().isBlank() ? null : parse(FileType.class, filter.type()),
                    filter.file(), filter.from(), filter.to(), filter.pageOrFirst(), filter.sizeOrDefault());
        } catch (IllegalArgumentException e) {
            model.addAttribute("problem", e.getMessage());
            page = new FilePage<>(List.of(), 0, 0, filter.sizeOrDefault());
        }
        model.addAttribute("page", page);
        return "files/outbound";
    }

    /** A receipt's bytes, while it is still in the outbox. Other outbound files carry personnummer: not handed out here. */
    @GetMapping("/files/outbound/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable long id) {
        return receiptContent(outboundFiles, id);
    }

    static ResponseEntity<byte[]> receiptContent(OutboundFiles outboundFiles, long id) {
        OutboundFileState file = outboundFiles.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no outbound file " + id));
        if (!FileType.KVIT.code().equals(file.fileType())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the admin hands out receipts (KVIT) only; "
                    + file.fileType() + " files carry personnummer");
        }
        Path stored = outboundFiles.stored(file).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                file.fileName() + " is no longer in the outbox (" + file.status() + "; fetched and removed by the partner, or purged)"));
        try {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.ISO_8859_1))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName()).build().toString())
                    .body(Files.readAllBytes(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FilePage<InboundFile> searchInbound(FileFilter filter, Set<InboundFileStatus> statuses, Model model) {
        try {
            return inboundFiles.search(statuses, filter.partnerOrNull(), filter.file(), filter.from(), filter.to(),
                    filter.pageOrFirst(), filter.sizeOrDefault());
        } catch (IllegalArgumentException e) {
            model.addAttribute("problem", e.getMessage());
            return new FilePage<>(List.of(), 0, 0, filter.sizeOrDefault());
        }
    }

    private InboundFile inboundFile(long id) {
        return inboundFiles.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no inbound file " + id));
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no " + type.getSimpleName() + " " + value);
        }
    }
}
