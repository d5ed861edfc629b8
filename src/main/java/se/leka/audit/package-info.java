/**
 * What auditors read: the append-only, hash-chained disclosure log (who received which person's
 * data, on what legal basis), the per-execution job logs and the operator action log. Other rooms write
 * into it through its public API. The disclosure log and the operator action log are never updated
 * or deleted; job logs are deleted when the admin purges an execution's history or their retention
 * ({@code leka.admin.history.job-log-retention-days}) has passed.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"format"})
package se.leka.audit;
