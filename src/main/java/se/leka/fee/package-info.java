/**
 * The fee model as dated configuration, the nightly fee job, the fee ledger and the invoice basis.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"agreement", "audit", "exchange", "format"})
package se.leka.fee;
