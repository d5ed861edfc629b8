/**
 * The order and query file job: read and validate partner request files, apply watches
 * (bevakningar), produce complete deliveries and query answers, and the receipt (kvittens) for every file.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"agreement", "audit", "exchange", "format", "register"})
package se.leka.order;
