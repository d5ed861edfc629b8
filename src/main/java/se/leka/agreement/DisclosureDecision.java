package se.leka.agreement;

/** The answer to "may this be disclosed?": the legal basis that makes it lawful, or why not. */
public sealed interface DisclosureDecision {

    boolean permitted();

    /** Lawful under {@code basis}, within {@code agreementId}. */
    record Permitted(LegalBasis basis, String agreementId) implements DisclosureDecision {
        @Override
        public boolean permitted() {
            return true;
        }
    }

    /** Not to be disclosed; {@code reason} is a stable code, {@code message} explains it for people. */
    record Refused(RefusalReason reason, String message) implements DisclosureDecision {

        Refused(RefusalReason reason) {
            this(reason, reason.description());
        }

        @Override
        public boolean permitted() {
            return false;
        }
    }
}
