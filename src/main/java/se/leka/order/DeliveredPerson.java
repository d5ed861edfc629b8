package se.leka.order;

/** A person to deliver complete information about, with the legal basis it is disclosed on. */
record DeliveredPerson(CompleteInformation.Question question, String legalBasisId) {
}
