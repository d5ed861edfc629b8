/**
 * The nightly daily change run (dygnskörning), full refreshes and the delivery calendar.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"agreement", "audit", "exchange", "format", "order", "register"})
package se.leka.notification;
