/**
 * FK's benefit data as LEKA knows it: import of register extracts (snapshots and deltas), the
 * current state with its full history, and the change log that deliveries are built from.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"format"})
package se.leka.register;
