package se.leka.agreement;

/** A lifecycle step that the agreement's current state does not allow; the message says what would. */
public class IllegalAgreementTransitionException extends RuntimeException {

    IllegalAgreementTransitionException(String message) {
        super(message);
    }
}
