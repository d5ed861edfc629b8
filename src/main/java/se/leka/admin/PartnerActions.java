package se.leka.admin;

import java.time.LocalDate;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;

import se.leka.agreement.Agreement;
import se.leka.agreement.Agreements;
import se.leka.agreement.Assignment;
import se.leka.agreement.Assignments;
import se.leka.audit.OperatorAction;
import se.leka.audit.OperatorActionLog;
import se.leka.exchange.SftpLogins;
import se.leka.format.OrgNumber;

/**
 * Operators' steps on agreements and agents' assignments, through the agreement room's lifecycle
 * API (which refuses any step out of order), and on SFTP logins and their keys, through the
 * exchange room's {@link SftpLogins}; each recorded in the operator action log.
 */
@Service
class PartnerActions {

    static final String TARGET_AGREEMENT = "AGREEMENT";
    static final String TARGET_ASSIGNMENT = "ASSIGNMENT";
    static final String TARGET_SFTP_LOGIN = "SFTP_LOGIN";
    static final String TARGET_SFTP_KEY = "SFTP_KEY";

    /** The agreement lifecycle steps the admin offers, by the name used in URLs. */
    enum AgreementStep {
        APPROVE, SEND_FOR_SIGNATURE, PARTY_SIGNATURE, FK_SIGNATURE, TERMINATION, END
    }

    private final Agreements agreements;
    private final Assignments assignments;
    private final OperatorActionLog actionLog;
    private final SftpLogins logins;

    PartnerActions(Agreements agreements, Assignments assignments, OperatorActionLog actionLog, SftpLogins logins) {
        this.agreements = agreements;
        this.assignments = assignments;
        this.actionLog = actionLog;
        this.logins = logins;
    }

    /**
     * One lifecycle step. {@code on} is the day it happened (for a termination: the day it was
     * received); {@code effectiveOn} is a termination's effective date and ignored otherwise.
     */
    ExecutionActions.Result agreementStep(String agreementId, AgreementStep step, LocalDate on, LocalDate effectiveOn,
                                          String actor) {
        String detail = step + " on " + on + (step == AgreementStep.TERMINATION ? ", effective " + effectiveOn : "");
        return recorded(actor, "AGREEMENT_" + step, TARGET_AGREEMENT, agreementId, detail, () -> {
            require(on, "the date");
            Agreement result = switch (step) {
                case APPROVE -> agreements.approve(agreementId, on);
                case SEND_FOR_SIGNATURE -> agreements.sendForSignature(agreementId, on);
                case PARTY_SIGNATURE -> agreements.recordPartySignature(agreementId, on);
                case FK_SIGNATURE -> agreements.recordFkSignature(agreementId, on);
                case TERMINATION -> agreements.notifyTermination(agreementId, on, require(effectiveOn, "the effective date"));
                case END -> agreements.end(agreementId, on);
            };
            return "agreement " + agreementId + " is now " + result.status();
        });
    }

    ExecutionActions.Result assign(String agent, String principal, LocalDate validFrom, String actor) {
        return recorded(actor, "ASSIGNMENT_ADD", TARGET_ASSIGNMENT, agent + "->" + principal, "valid from " + validFrom, () -> {
            Assignment a = assignments.assign(OrgNumber.parse(agent), OrgNumber.parse(principal), require(validFrom, "the start date"));
            return "assignment " + a.id() + ": " + a.agent() + " acts for " + a.principal() + " from " + a.validFrom();
        });
    }

    ExecutionActions.Result endAssignment(long assignmentId, LocalDate endedOn, String actor) {
        return recorded(actor, "ASSIGNMENT_END", TARGET_ASSIGNMENT, Long.toString(assignmentId), "ended on " + endedOn, () -> {
            Assignment a = assignments.end(assignmentId, require(endedOn, "the end date"));
            return "assignment " + a.id() + " ends on " + a.endedOn();
        });
    }

    ExecutionActions.Result createLogin(String org, String actor) {
        return recorded(actor, "SFTP_LOGIN_CREATE", TARGET_SFTP_LOGIN, org, null, () -> {
            OrgNumber login = OrgNumber.parse(org);
            if (logins.exists(login)) {
                throw new IllegalArgumentException("SFTP login " + login.value() + " exists already");
            }
            logins.create(login);
            return "SFTP login " + login.value() + " created; add its public key";
        });
    }

    /** Adds a key given as an OpenSSH {@code authorized_keys} line; the target is the new key's fingerprint. */
    ExecutionActions.Result addKey(String org, String authorizedKeyLine, String actor) {
        String fingerprint = fingerprintOrNull(authorizedKeyLine);
        return recorded(actor, "SFTP_KEY_ADD", TARGET_SFTP_KEY, keyTarget(org, fingerprint), null, () -> {
            OrgNumber login = OrgNumber.parse(org);
            if (logins.fingerprints(login).contains(SftpLogins.fingerprintOf(authorizedKeyLine))) {
                throw new IllegalArgumentException("login " + login.value() + " has key " + fingerprint + " already");
            }
            return "key " + logins.addKey(login, authorizedKeyLine) + " added to SFTP login " + login.value();
        });
    }

    /** Rotation: adds the new key, then removes the old one — in that order, so the login is never without a key. */
    ExecutionActions.Result rotateKey(String org, String oldFingerprint, String newAuthorizedKeyLine, String actor) {
        String fingerprint = fingerprintOrNull(newAuthorizedKeyLine);
        return recorded(actor, "SFTP_KEY_ROTATE", TARGET_SFTP_KEY, keyTarget(org, oldFingerprint), "new key " + fingerprint, () -> {
            OrgNumber login = OrgNumber.parse(org);
            java.util.List<String> before = logins.fingerprints(login);
            if (!before.contains(oldFingerprint)) {
                throw new IllegalArgumentException("login " + login.value() + " has no key " + oldFingerprint + " in use");
            }
            String added = SftpLogins.fingerprintOf(newAuthorizedKeyLine);
            if (before.contains(added)) {
                throw new IllegalArgumentException("the new key " + added + " is in use already; give a new key");
            }
            logins.addKey(login, newAuthorizedKeyLine);
            logins.removeKey(login, oldFingerprint);
            return "SFTP login " + login.value() + ": key " + oldFingerprint + " replaced by " + added;
        });
    }

    ExecutionActions.Result removeKey(String org, String fingerprint, String actor) {
        return recorded(actor, "SFTP_KEY_REMOVE", TARGET_SFTP_KEY, keyTarget(org, fingerprint), null, () -> {
            OrgNumber login = OrgNumber.parse(org);
            if (!logins.removeKey(login, require(fingerprint, "the key's fingerprint"))) {
                throw new IllegalArgumentException("login " + login.value() + " has no key " + fingerprint + " in use");
            }
            return "key " + fingerprint + " removed from SFTP login " + login.value() + "; new sessions with it are refused";
        });
    }

    private static String keyTarget(String org, String fingerprint) {
        return org + " " + (fingerprint == null ? "(not a key)" : fingerprint);
    }

    private static String fingerprintOrNull(String authorizedKeyLine) {
        try {
            return SftpLogins.fingerprintOf(authorizedKeyLine);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ExecutionActions.Result recorded(String actor, String action, String targetType, String targetId, String detail,
                                             Supplier<String> body) {
        ExecutionActions.Result result;
        try {
            result = new ExecutionActions.Result(true, null, body.get());
        } catch (RuntimeException e) {
            // The lifecycle API's refusals (IllegalAgreementTransitionException, IllegalArgumentException) say what is wrong.
            result = new ExecutionActions.Result(false, null, e.getMessage());
        }
        actionLog.record(actor, action, targetType, targetId, detail, result.done() ? OperatorAction.DONE : OperatorAction.REFUSED,
                result.message());
        return result;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("give " + what);
        }
        return value;
    }
}
