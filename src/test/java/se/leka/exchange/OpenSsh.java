package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the OpenSSH command-line {@code sftp} client in batch mode with key authentication and
 * strict host-key checking, as a partner would. Fails (never skips) when {@code sftp} is missing:
 * {@code .ci/run} installs Debian's openssh-client.
 */
final class OpenSsh {

    static final Path SFTP = Path.of("/usr/bin/sftp");
    static final Path DEMO_KEYS = Path.of("sample-files/demo/keys");

    private final Path work;
    private final int port;
    private final Path knownHosts;

    record Result(int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }
    }

    /** @param hostKeyEntry the server's host key as {@code <algorithm> <base64>} */
    OpenSsh(Path work, int port, String hostKeyEntry) throws IOException {
        assertThat(SFTP).as("OpenSSH sftp client (Debian openssh-client; .ci/run installs it)").isExecutable();
        this.work = Files.createDirectories(work);
        this.port = port;
        this.knownHosts = work.resolve("known_hosts");
        Files.writeString(knownHosts, "[localhost]:" + port + " " + hostKeyEntry + "\n");
    }

    /** A copy of the demo private key with mode 0600, which OpenSSH insists on. */
    Path key(String login) throws IOException {
        Path key = Files.createDirectories(work.resolve("keys")).resolve(login);
        Files.copy(DEMO_KEYS.resolve(login), key, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return key;
    }

    /** Runs the commands in one batch session as {@code login}; a failing command ends the batch with exit code 1. */
    Result sftp(String login, String... commands) throws IOException, InterruptedException {
        Path batch = Files.createTempFile(work, "batch", ".txt");
        Files.write(batch, List.of(commands));
        List<String> command = new ArrayList<>(List.of(SFTP.toString(), "-b", batch.toString(),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=20",
                "-i", key(login).toString(), "-P", String.valueOf(port), login + "@localhost"));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sftp did not finish within 90 s: " + String.join(" ", commands));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }
}
