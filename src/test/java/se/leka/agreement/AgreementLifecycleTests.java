package se.leka.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import se.leka.format.BenefitFamily;
import se.leka.format.OrgNumber;

class AgreementLifecycleTests {

    static final Party INSURER = new Party(OrgNumber.parse("5566778899"), "Trygg Demo Försäkring AB",
            PartyType.INSURANCE_COMPANY, "a@example.org");
    static final LocalDate D = LocalDate.of(2026, 3, 1);

    static Agreement applied() {
        return Agreement.applied("AVT-1", INSURER, DeliveryFrequency.DAILY, D, Set.of("SAM"), EnumSet.of(BenefitFamily.SJUK));
    }

    static Agreement sentForSignature() {
        Agreement a = applied();
        a.approve(D.plusDays(1));
        a.sendForSignature(D.plusDays(2));
        return a;
    }

    @Test
    void walks_the_whole_lifecycle_in_order() {
        Agreement a = applied();
        assertThat(a.status()).isEqualTo(AgreementStatus.APPLIED);
        assertThat(a.kind()).isEqualTo(ContractKind.AVTAL);
        a.approve(D.plusDays(1));
        assertThat(a.status()).isEqualTo(AgreementStatus.APPROVED);
        a.sendForSignature(D.plusDays(2));
        assertThat(a.status()).isEqualTo(AgreementStatus.SENT_FOR_SIGNATURE);
        a.recordPartySignature(D.plusDays(5));
        assertThat(a.status()).as("one signature is not enough").isEqualTo(AgreementStatus.SENT_FOR_SIGNATURE);
        a.recordFkSignature(D.plusDays(7));
        assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(a.activeFrom()).isEqualTo(D.plusDays(7));
        a.notifyTermination(D.plusDays(30), D.plusDays(60));
        assertThat(a.status()).isEqualTo(AgreementStatus.TERMINATION_NOTIFIED);
        a.end(D.plusDays(60));
        assertThat(a.status()).isEqualTo(AgreementStatus.ENDED);
    }

    @Test
    void becomes_active_whichever_signature_comes_last() {
        Agreement a = sentForSignature();
        a.recordFkSignature(D.plusDays(3));
        a.recordPartySignature(D.plusDays(9));
        assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(a.activeFrom()).isEqualTo(D.plusDays(9));
    }

    @Test
    void refuses_steps_out_of_order_with_a_message_that_says_what_is_needed() {
        Agreement a = applied();
        assertThatThrownBy(() -> a.sendForSignature(D))
                .isInstanceOf(IllegalAgreementTransitionException.class)
                .hasMessage("Agreement AVT-1 is APPLIED; it must be APPROVED to be sent for signature");
        assertThatThrownBy(() -> a.recordPartySignature(D)).isInstanceOf(IllegalAgreementTransitionException.class);
        assertThatThrownBy(() -> a.notifyTermination(D, D)).isInstanceOf(IllegalAgreementTransitionException.class)
                .hasMessageContaining("must be ACTIVE to be terminated");
        assertThatThrownBy(() -> a.end(D)).isInstanceOf(IllegalAgreementTransitionException.class);
        assertThat(a.status()).as("a refused step changes nothing").isEqualTo(AgreementStatus.APPLIED);
    }

    @Test
    void refuses_a_second_signature_from_the_same_side() {
        Agreement a = sentForSignature();
        a.recordPartySignature(D.plusDays(3));
        assertThatThrownBy(() -> a.recordPartySignature(D.plusDays(4)))
                .isInstanceOf(IllegalAgreementTransitionException.class).hasMessageContaining("already has the party's signature");
    }

    @Test
    void refuses_dates_that_go_backwards() {
        Agreement a = applied();
        assertThatThrownBy(() -> a.approve(D.minusDays(1)))
                .isInstanceOf(IllegalAgreementTransitionException.class).hasMessageContaining("cannot come before");
    }

    @Test
    void termination_cannot_apply_before_it_was_received_and_end_not_before_it_applies() {
        Agreement a = sentForSignature();
        a.recordPartySignature(D.plusDays(3));
        a.recordFkSignature(D.plusDays(3));
        assertThatThrownBy(() -> a.notifyTermination(D.plusDays(20), D.plusDays(10)))
                .isInstanceOf(IllegalAgreementTransitionException.class);
        a.notifyTermination(D.plusDays(20), D.plusDays(40));
        assertThatThrownBy(() -> a.end(D.plusDays(39))).isInstanceOf(IllegalAgreementTransitionException.class)
                .hasMessageContaining("cannot end before");
    }

    @Test
    void an_agent_cannot_hold_an_agreement() {
        Party agent = new Party(OrgNumber.parse("5569988776"), "Demo Ombud AB", PartyType.AGENT, "o@example.org");
        assertThatThrownBy(() -> Agreement.applied("AVT-2", agent, DeliveryFrequency.DAILY, D, Set.of("SAM"),
                EnumSet.of(BenefitFamily.SJUK))).isInstanceOf(IllegalAgreementTransitionException.class);
    }

    @Test
    void standing_follows_signatures_termination_and_end() {
        Agreement a = sentForSignature();
        assertThat(a.standingOn(D.plusDays(10))).isEqualTo(AgreementStanding.NOT_ACTIVE_YET);
        a.recordPartySignature(D.plusDays(3));
        a.recordFkSignature(D.plusDays(4));
        assertThat(a.standingOn(D.plusDays(3))).isEqualTo(AgreementStanding.NOT_ACTIVE_YET);
        assertThat(a.standingOn(D.plusDays(4))).isEqualTo(AgreementStanding.ACTIVE);
        a.notifyTermination(D.plusDays(10), D.plusDays(20));
        assertThat(a.standingOn(D.plusDays(19))).isEqualTo(AgreementStanding.ACTIVE);
        assertThat(a.standingOn(D.plusDays(20))).isEqualTo(AgreementStanding.TERMINATED);
        a.end(D.plusDays(21));
        assertThat(a.standingOn(D.plusDays(5))).isEqualTo(AgreementStanding.ENDED);
    }
}
