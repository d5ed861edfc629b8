package se.leka.register;

import java.util.Arrays;
import java.util.Optional;

/** Beloppstyp: what the amount of a fact is per. The code is written in extracts (file contract). */
public enum AmountType {
    PER_DAY("DAG"),
    PER_MONTH("MAN"),
    PER_YEAR("AR"),
    ONE_OFF("ENG");

    private final String code;

    AmountType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AmountType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
