package se.leka.order;

/**
 * A detail record (20) of a query file: the fields of an order line without an action (a query is
 * always {@code Q}), plus an optional to-date. See {@code jobs/order-intake/README.md}, "Query files".
 */
public class QueryLine extends OrderLine {

    private String toDate;

    public QueryLine() {
        setAction("Q");
    }

    public String getToDate() {
        return toDate;
    }

    public void setToDate(String toDate) {
        this.toDate = toDate;
    }
}
