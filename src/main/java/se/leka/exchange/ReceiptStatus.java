package se.leka.exchange;

/** The verdict a receipt (kvittens) gives on a whole file. */
public enum ReceiptStatus {
    /** Every record accepted (an INTAKE receipt: the file was taken for processing). */
    ACCEPTED,
    /** Some records accepted, some rejected (RECORDS receipts only). */
    PARTIALLY_ACCEPTED,
    /** Nothing in the file was accepted. */
    REJECTED
}
