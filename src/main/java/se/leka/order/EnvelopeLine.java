package se.leka.order;

/**
 * A start (00) or end (99) record read by a BeanIO mapping as a whole line; the envelope's own
 * parsers ({@code StartRecord}, {@code EndRecord}) read its fields.
 */
public class EnvelopeLine {

    private String rest;

    public String getRest() {
        return rest;
    }

    public void setRest(String rest) {
        this.rest = rest;
    }
}
