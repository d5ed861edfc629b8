/**
 * What auditors read: the append-only, hash-chained disclosure log (who received which person's
 * data, on what legal basis), the per-execution job logs and the operator action log. Other rooms write
 * into it through its public API; nothing here is ever updated or deleted.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"format"})
package se.leka.audit;
