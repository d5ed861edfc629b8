package se.leka.format;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The benefits (förmåner) of FK's content description, each in its family. The code is the one
 * written in fixed-width files (at most four characters) and is part of the file contract.
 */
public enum Benefit {
    SJUKPENNING("SJPN", BenefitFamily.SJUK, "sjukpenning"),
    REHABILITERINGSERSATTNING("REHA", BenefitFamily.SJUK, "rehabiliteringsersättning"),
    NARSTAENDEPENNING("NARP", BenefitFamily.SJUK, "närståendepenning"),
    SMITTBARARERSATTNING("SMIT", BenefitFamily.SJUK, "smittbärarersättning"),
    FORALDRAPENNING("FORP", BenefitFamily.FORA, "föräldrapenning"),
    TILLFALLIG_FORALDRAPENNING("TFP", BenefitFamily.FORA, "tillfällig föräldrapenning"),
    GRAVIDITETSPENNING("GRAV", BenefitFamily.FORA, "graviditetspenning"),
    SJUKERSATTNING("SJE", BenefitFamily.SAE, "sjukersättning"),
    AKTIVITETSERSATTNING("AKE", BenefitFamily.SAE, "aktivitetsersättning"),
    ARBETSSKADELIVRANTA("ASLR", BenefitFamily.ARBS, "arbetsskadelivränta"),
    SJUKPENNINGGRUNDANDE_INKOMST("SGI", BenefitFamily.SGI, "sjukpenninggrundande inkomst"),
    BOSTADSBIDRAG("BOB", BenefitFamily.BOST, "bostadsbidrag"),
    BARNBIDRAG("BAB", BenefitFamily.BARN, "barnbidrag"),
    UNDERHALLSSTOD("UHS", BenefitFamily.BARN, "underhållsstöd");

    private final String code;
    private final BenefitFamily family;
    private final String swedishName;

    Benefit(String code, BenefitFamily family, String swedishName) {
        this.code = code;
        this.family = family;
        this.swedishName = swedishName;
    }

    public String code() {
        return code;
    }

    public BenefitFamily family() {
        return family;
    }

    public String swedishName() {
        return swedishName;
    }

    /** Looked up in a map: the register's rows and the order lines name a code each, millions a file. */
    public static Optional<Benefit> fromCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
    }

    private static final Map<String, Benefit> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Benefit::code, b -> b));
}
