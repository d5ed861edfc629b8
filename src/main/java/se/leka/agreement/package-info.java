/**
 * Parties (organisationsnummer, name, party type), their agreements (avtal / överenskommelse) and the
 * agreement lifecycle, agents (ombud) and their assignments, the legal-basis catalogue, and the
 * per-record disclosure decision that every job asks before anything leaves: {@link
 * se.leka.agreement.DisclosureDecisions}, and the nightly {@code agreement-expiry} job, which
 * publishes {@link se.leka.agreement.AgreementEnded} and friends for the rooms that hold things for a
 * party. It uses the audit room's operator action log to record what the job changed.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "format"})
package se.leka.agreement;
