package se.leka.format;

import java.util.Arrays;
import java.util.Optional;

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

    public static Optional<BenefitFamily> fromCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
