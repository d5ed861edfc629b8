/**
 * The batch admin for operators and auditors: web UI and REST API over the job repository and the
 * rooms' public APIs (executions, restart / stop / abandon / recover, launch, files, partners, logs).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"agreement", "audit", "exchange", "fee", "format", "notification", "order", "register"})
package se.leka.admin;
