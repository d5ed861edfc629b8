/**
 * Parties (organisationsnummer, name, party type), their agreements (avtal / överenskommelse) and the
 * agreement lifecycle, agents (ombud) and their assignments, the legal-basis catalogue, and the
 * per-record disclosure decision that every job asks before anything leaves: {@link
 * se.leka.agreement.DisclosureDecisions}. Will also own the nightly agreement-expiry job.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"format"})
package se.leka.agreement;
