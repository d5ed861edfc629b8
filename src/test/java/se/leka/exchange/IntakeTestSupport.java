package se.leka.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.context.ApplicationContext;

/**
 * For tests of other rooms (the admin's): puts a file through intake as if it had been renamed into
 * the mailbox's inbox, on the intake thread, and waits until intake has decided it and written its
 * receipt (the job it is handed to runs on).
 */
public final class IntakeTestSupport {

    private IntakeTestSupport() {
    }

    /** @return the inbound file's id */
    public static long receive(ApplicationContext context, Mailbox mailbox, Path file) throws IOException {
        Intake intake = context.getBean(Intake.class);
        ExchangeDirectories directories = context.getBean(ExchangeDirectories.class);
        Path inbox = Files.createDirectories(directories.mailbox(mailbox).resolve(Mailbox.INBOX));
        Path arrived = Files.copy(file, inbox.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return intake.onIntakeThread(() -> intake.take(arrived, mailbox, null));
    }
}
