package se.leka.fee;

/** The parts a fee is made of; one ledger row per agreement × period × component × model version. */
public enum FeeComponent {
    /** Fixed fee per agreement and period, by delivery frequency, prorated by the days the agreement was active. */
    FIXED,
    /** Delivered person-records up to the model's threshold. */
    RECORDS,
    /** Delivered person-records above the threshold (the lower price). */
    RECORDS_ABOVE,
    /** Person-records answered in query answers (SVAR files). */
    QUESTIONS
}
