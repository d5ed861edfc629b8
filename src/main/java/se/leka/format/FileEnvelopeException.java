package se.leka.format;

/**
 * A start record, end record or file name that does not follow the file contract. {@link #field()}
 * names what is wrong (as the job cards name it) so that a receipt can point at it.
 */
public class FileEnvelopeException extends RuntimeException {

    private final String field;

    public FileEnvelopeException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
