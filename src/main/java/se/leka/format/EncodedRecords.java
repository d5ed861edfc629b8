package se.leka.format;

import java.util.List;
import java.util.Objects;

/**
 * Whole records already formatted and encoded by their producer — each ended with its line end —
 * for {@link BeanIoItemWriter} to write as they are: a job that formats its records on threads of
 * its own hands the writer bytes, so that the thread that commits does not also encode.
 *
 * @param chunks  the records' bytes in the writer's charset, line ends included, in pieces to be
 *                written one after the other (a megabyte page in one array would be a "humongous"
 *                object for G1, and each one allocated can start a collection)
 * @param records how many records the bytes hold
 */
public record EncodedRecords(List<byte[]> chunks, int records) {

    public EncodedRecords {
        chunks = List.copyOf(Objects.requireNonNull(chunks, "chunks"));
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative");
        }
    }
}
