package se.leka.order;

import java.util.Set;

import se.leka.format.BenefitFamily;

/** A person group on its way into a delivery, with the legal basis and families it is disclosed under. */
record DeliveredPerson(PersonDelivery delivery, String legalBasisId, Set<BenefitFamily> families) {
}
