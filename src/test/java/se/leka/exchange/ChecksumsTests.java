package se.leka.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An outbound file's checksum is computed while it is written, and is the checksum of the file. */
class ChecksumsTests {

    @TempDir
    Path dir;

    @Test
    void the_checksum_of_the_bytes_written_is_that_of_the_file() throws Exception {
        byte[] bytes = new byte[3 * Checksums.WRITE_BUFFER + 12_345];
        new Random(42).nextBytes(bytes);
        Path file = dir.resolve("out.txt.part");

        // single bytes, small and large writes, across the buffer's bounds
        String sha256 = Checksums.write(file, out -> {
            out.write(bytes[0]);
            out.write(bytes, 1, 99);
            out.write(bytes, 100, Checksums.WRITE_BUFFER + 1);
            out.write(bytes, Checksums.WRITE_BUFFER + 101, bytes.length - Checksums.WRITE_BUFFER - 101);
        });

        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(sha256).isEqualTo(Checksums.sha256(file)).isEqualTo(Checksums.sha256(bytes));
    }

    @Test
    void writing_again_replaces_what_an_interrupted_write_left() throws Exception {
        Path file = dir.resolve("out.txt.part");
        byte[] longer = new byte[5000];
        Arrays.fill(longer, (byte) 'x');
        assertThatThrownBy(() -> Checksums.write(file, out -> {
            out.write(longer);
            throw new IOException("disk full");
        })).hasMessage("disk full");

        String sha256 = Checksums.write(file, out -> out.write("short\n".getBytes()));

        assertThat(Files.readString(file)).isEqualTo("short\n");
        assertThat(sha256).isEqualTo(Checksums.sha256(file));
    }
}
