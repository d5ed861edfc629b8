package se.leka.format;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of file LEKA exchanges. The four-letter code stands in every file's start record and
 * file name; it is part of the file contract.
 */
public enum FileType {
    /** Order file (beställning): new watch, cancel, full refresh per person. */
    BEST(Direction.INBOUND),
    /** Whole-stock refresh request (heluppdatering av beståndet). */
    HELU(Direction.INBOUND),
    /** Query file (fråga): one-off questions answered without a watch. */
    FRAG(Direction.INBOUND),
    /** Receipt (kvittens) for an inbound file. */
    KVIT(Direction.OUTBOUND),
    /** Delivery (leverans): complete information or changes, per person. */
    LEVE(Direction.OUTBOUND),
    /** Answer (svar) to a query file. */
    SVAR(Direction.OUTBOUND),
    /** Fee specification (avgiftsspecifikation). */
    AVGI(Direction.OUTBOUND),
    /** Notice (meddelande), e.g. that an agreement has ended. */
    MEDD(Direction.OUTBOUND);

    /** Whether partners send the file to LEKA or LEKA sends it to them. */
    public enum Direction {
        INBOUND, OUTBOUND
    }

    private final Direction direction;

    FileType(Direction direction) {
        this.direction = direction;
    }

    public Direction direction() {
        return direction;
    }

    public String code() {
        return name();
    }

    public static Optional<FileType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
    }
}
