package se.leka.register;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Beloppstyp: what the amount of a fact is per. The code is written in extracts (file contract). */
public enum AmountType {
    PER_DAY("DAG"),
    PER_MONTH("MAN"),
    PER_YEAR("AR"),
    ONE_OFF("ENG");

    /** By code: looked up once per register row read, so a map rather than a search. */
    private static final Map<String, AmountType> BY_CODE = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(AmountType::code, t -> t));

    private final String code;

    AmountType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AmountType> fromCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
