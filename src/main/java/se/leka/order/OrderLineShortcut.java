package se.leka.order;

import se.leka.format.BeanIoItemReader;

/**
 * Maps a detail record {@code 10} of an order file, format version 01 ({@code BEST-v01.xml}), as
 * BeanIO maps it — each field the text at its place, trailing spaces dropped — without BeanIO's
 * reflection, which was the largest cost of checking a million-line file. Only a line that is
 * certainly that record without errors is taken (150 characters, beginning {@code 10}); BeanIO reads
 * every other line, so a wrong line is reported exactly as before. {@code OrderLineShortcutTests}
 * holds the two to the same fields.
 */
final class OrderLineShortcut implements BeanIoItemReader.Shortcut<OrderLine> {

    static final int LENGTH = 150;

    @Override
    public String recordName() {
        return "order";
    }

    @Override
    public OrderLine map(String line) {
        if (line.length() != LENGTH || line.charAt(0) != '1' || line.charAt(1) != '0') {
            return null;
        }
        OrderLine order = new OrderLine();
        order.setAction(field(line, 2, 3));
        order.setPersonnummer(field(line, 3, 15));
        order.setPurposeCode(field(line, 15, 19));
        order.setBenefitFamilies(field(line, 19, 47));
        order.setFromDate(field(line, 47, 57));
        order.setConsentReference(field(line, 57, 87));
        order.setCaseReference(field(line, 87, 117));
        order.setPartnerReference(field(line, 117, 147));
        return order;
    }

    /** The record type alone: BeanIO identifies a detail record by it (the length is checked when it reads one). */
    @Override
    public String standIn(String line) {
        return line.substring(0, 2);
    }

    /** The text from {@code from} to {@code to} without its trailing spaces (BeanIO's padding). */
    private static String field(String line, int from, int to) {
        int end = to;
        while (end > from && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(from, end);
    }
}
