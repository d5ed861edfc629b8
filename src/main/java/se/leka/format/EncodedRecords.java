package se.leka.format;

import java.util.Objects;

/**
 * Whole records already formatted and encoded by their producer — each ended with its line end —
 * for {@link BeanIoItemWriter} to write as they are: a job that formats its records on threads of
 * its own hands the writer bytes, so that the thread that commits does not also encode.
 *
 * @param bytes   the records' bytes in the writer's charset, line ends included
 * @param records how many records the bytes hold
 */
public record EncodedRecords(byte[] bytes, int records) {

    public EncodedRecords {
        Objects.requireNonNull(bytes, "bytes");
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative");
        }
    }
}
