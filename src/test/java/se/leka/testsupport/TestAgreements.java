package se.leka.testsupport;

import java.time.LocalDate;
import java.util.Set;

import se.leka.agreement.Agreements;
import se.leka.agreement.DeliveryFrequency;
import se.leka.agreement.Parties;
import se.leka.agreement.Party;
import se.leka.agreement.PartyType;
import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;

/** Parties with an agreement that is ACTIVE from a given day, made through the lifecycle API as operators do. */
public final class TestAgreements {

    private TestAgreements() {
    }

    /** Registers the party and takes a daily SJUK agreement for {@code purpose} through every step, active from {@code signedOn}. */
    public static void activeFrom(Parties parties, Agreements agreements, OrgNumber org, String name, PartyType type,
                                  String agreementId, String purpose, LocalDate signedOn) {
        parties.register(new Party(org, name, type, "kontakt@example.se"));
        agreements.apply(agreementId, org, DeliveryFrequency.DAILY, signedOn, Set.of(purpose), Set.of(BenefitFamily.SJUK));
        agreements.approve(agreementId, signedOn);
        agreements.sendForSignature(agreementId, signedOn);
        agreements.recordPartySignature(agreementId, signedOn);
        agreements.recordFkSignature(agreementId, signedOn);
    }
}
