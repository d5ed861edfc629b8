package se.leka.format;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The benefit families that agreements grant and that files name. The code is what is written in
 * fixed-width files (at most four characters); it is part of the file contract, so a code is never
 * reused for something else.
 */
public enum BenefitFamily {
    SJUK("SJUK", "Sjukpenning och rehabilitering"),
    FORA("FORA", "Föräldraförmåner"),
    SAE("SAE", "Sjuk- och aktivitetsersättning"),
    ARBS("ARBS", "Arbetsskada"),
    SGI("SGI", "Sjukpenninggrundande inkomst"),
    BOST("BOST", "Bostadsbidrag"),
    BARN("BARN", "Barnbidrag och underhållsstöd");

    private final String code;
    private final String swedishName;

    BenefitFamily(String code, String swedishName) {
        this.code = code;
        this.swedishName = swedishName;
    }

    public String code() {
        return code;
    }

    public String swedishName() {
        return swedishName;
    }

    /** Looked up in a map: the register's rows and the order lines name a code each, millions a file. */
    public static Optional<BenefitFamily> fromCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
    }

    private static final Map<String, BenefitFamily> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(BenefitFamily::code, f -> f));
}
