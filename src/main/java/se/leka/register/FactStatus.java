package se.leka.register;

import java.util.Arrays;
import java.util.Optional;

/** A fact's status in FK's source system, as written in the extract (file contract). */
public enum FactStatus {
    /** beviljad: the decision is in force. */
    GRANTED,
    /** ändrad: the decision was changed (extent, amount, period…). */
    CHANGED,
    /** avslutad: the decision has ended. */
    ENDED,
    /** återkallad: the decision was withdrawn; it should be treated as never having applied. */
    WITHDRAWN;

    public static Optional<FactStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.name().equals(code)).findFirst();
    }
}
