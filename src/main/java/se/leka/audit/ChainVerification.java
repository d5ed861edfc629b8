package se.leka.audit;

/**
 * The result of checking the disclosure log's hash chain: how many rows were checked and, when the
 * chain is broken, the sequence number of the first row whose hash or link does not hold.
 */
public record ChainVerification(long rowsChecked, Long firstBrokenSeq, String problem) {

    public boolean intact() {
        return firstBrokenSeq == null;
    }

    static ChainVerification intact(long rows) {
        return new ChainVerification(rows, null, null);
    }
}
