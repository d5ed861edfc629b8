package se.leka.exchange;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

import se.leka.format.FileName;
import se.leka.format.OrgNumber;

/**
 * The embedded server's rules for every SFTP operation, checked against {@link ExchangeAccess} each
 * time (so an ended agreement or assignment takes effect on the next operation of an open session):
 *
 * <ul>
 * <li>a login sees only its own tree (the session's file system is rooted there), and in it only
 *     {@code inbox/} and {@code outbox/} — for an agent, only {@code <principal>/inbox} and
 *     {@code <principal>/outbox} of principals it may act for today; anything else does not exist;</li>
 * <li>{@code inbox/}: create and write files, rename within the inbox, remove one's own {@code .part}
 *     files, list; no reading back;</li>
 * <li>{@code outbox/}: list, read, remove; no writing;</li>
 * <li>no directories, links or copies anywhere.</li>
 * </ul>
 */
class SftpAccessGuard implements SftpFileSystemAccessor {

    private final ExchangeAccess access;

    SftpAccessGuard(ExchangeAccess access) {
        this.access = access;
    }

    /** Where a path of a login's tree points: the root, a mailbox (agents), an inbox/outbox, or a file in one. */
    record Target(Mailbox mailbox, String area, String fileName) {

        boolean isRoot() {
            return mailbox == null;
        }

        boolean isFile() {
            return fileName != null;
        }

        boolean inInbox() {
            return Mailbox.INBOX.equals(area);
        }

        boolean inOutbox() {
            return Mailbox.OUTBOX.equals(area);
        }
    }

    /** Resolves a path of the login's tree, or fails as if it did not exist. */
    Target target(OrgNumber login, Path path) throws NoSuchFileException {
        List<String> parts = new ArrayList<>();
        for (Path part : path.toAbsolutePath().normalize()) {
            parts.add(part.toString());
        }
        List<Mailbox> mailboxes = access.mailboxes(login);
        if (mailboxes.isEmpty()) {
            throw new NoSuchFileException(path.toString(), null, "login has no access today");
        }
        if (parts.isEmpty()) {
            return new Target(null, null, null);
        }
        Mailbox mailbox;
        List<String> rest;
        if (access.isAgent(login)) {
            mailbox = mailboxes.stream().filter(m -> m.principal().value().equals(parts.get(0))).findFirst()
                    .orElseThrow(() -> new NoSuchFileException(path.toString()));
            rest = parts.subList(1, parts.size());
        } else {
            mailbox = mailboxes.get(0);
            rest = parts;
        }
        if (rest.isEmpty()) {
            return new Target(mailbox, null, null);
        }
        String area = rest.get(0);
        if (!Mailbox.INBOX.equals(area) && !Mailbox.OUTBOX.equals(area) || rest.size() > 2) {
            throw new NoSuchFileException(path.toString());
        }
        return new Target(mailbox, area, rest.size() == 2 ? rest.get(1) : null);
    }

    private Target target(SftpSubsystemProxy subsystem, Path path) throws NoSuchFileException {
        return target(login(subsystem), path);
    }

    static OrgNumber login(SftpSubsystemProxy subsystem) {
        return OrgNumber.parse(subsystem.getServerSession().getUsername());
    }

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath) throws IOException {
        Path resolved = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath);
        target(subsystem, resolved);
        return resolved;
    }

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
                                        Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        Target target = target(subsystem, file);
        boolean writing = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)
                || options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW);
        if (!target.isFile() || (writing ? !target.inInbox() : !target.inOutbox())) {
            throw new AccessDeniedException(file.toString(), null, writing ? "upload into inbox/ only" : "download from outbox/ only");
        }
        return SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs);
    }

    @Override
    public DirectoryStream<Path> openDirectory(SftpSubsystemProxy subsystem, DirectoryHandle dirHandle, Path dir,
                                               String handle, LinkOption... options) throws IOException {
        OrgNumber login = login(subsystem);
        Target target = target(login, dir);
        if (target.isFile()) {
            throw new AccessDeniedException(dir.toString());
        }
        DirectoryStream.Filter<Path> visible = entry -> {
            String name = entry.getFileName().toString();
            if (target.area() != null) {
                return Files.isRegularFile(entry);
            }
            if (target.isRoot() && access.isAgent(login)) {
                return access.mailboxes(login).stream().anyMatch(m -> m.principal().value().equals(name));
            }
            return Mailbox.INBOX.equals(name) || Mailbox.OUTBOX.equals(name);
        };
        return Files.newDirectoryStream(dir, visible);
    }

    @Override
    public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
        Target target = target(subsystem, path);
        boolean allowed = !isDirectory && target.isFile()
                && (target.inOutbox() || target.inInbox() && FileName.isUploadInProgress(target.fileName()));
        if (!allowed) {
            throw new AccessDeniedException(path.toString(), null, "remove files from outbox/ and unfinished .part uploads only");
        }
        SftpFileSystemAccessor.super.removeFile(subsystem, path, isDirectory);
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts) throws IOException {
        Target from = target(subsystem, oldPath);
        Target to = target(subsystem, newPath);
        if (!from.isFile() || !to.isFile() || !from.inInbox() || !to.inInbox() || !from.mailbox().equals(to.mailbox())) {
            throw new AccessDeniedException(oldPath.toString(), newPath.toString(), "rename within inbox/ only");
        }
        SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
    }

    @Override
    public void setFileAttribute(SftpSubsystemProxy subsystem, Path file, String view, String attribute, Object value,
                                 LinkOption... options) throws IOException {
        Target target = target(subsystem, file);
        if (!target.isFile() || !target.inInbox()) {
            throw new AccessDeniedException(file.toString(), null, "attributes may be set on uploads only");
        }
        SftpFileSystemAccessor.super.setFileAttribute(subsystem, file, view, attribute, value, options);
    }

    @Override
    public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
        throw new AccessDeniedException(path.toString(), null, "no directories may be created");
    }

    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) throws IOException {
        throw new AccessDeniedException(link.toString(), null, "no links may be created");
    }

    @Override
    public void copyFile(SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts) throws IOException {
        throw new AccessDeniedException(dst.toString(), null, "no copies");
    }
}
