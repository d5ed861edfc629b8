/**
 * The SFTP side: the embedded server (embedded default) and the client for an external server,
 * partner directories, intake (stable file, checksum, duplicate, sequence number, quarantine, archive),
 * routing a file to its job, and atomic delivery of output files into outboxes.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"agreement", "audit", "format"})
package se.leka.exchange;
