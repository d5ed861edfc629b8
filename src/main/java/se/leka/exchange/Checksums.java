package se.leka.exchange;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex SHA-256 of files and bytes. */
final class Checksums {

    private Checksums() {
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** What writes a file's bytes. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Bytes written to the file at a time, at least: an outbound file may be hundreds of megabytes. */
    static final int WRITE_BUFFER = 1 << 20;

    /**
     * Writes {@code content} into {@code file} (created, or truncated) and returns the hex SHA-256 of
     * the bytes written, hashed on their way to the file instead of reading the file again: what
     * {@link #sha256(Path)} of the file gives.
     */
    static String write(Path file, Content content) throws IOException {
        MessageDigest digest = digest();
        try (OutputStream out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(file), digest),
                WRITE_BUFFER)) {
            content.writeTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
