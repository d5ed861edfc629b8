package se.leka.admin;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This application instance in table {@code leka_instance}: registered at start, a heartbeat every
 * {@code leka.admin.heartbeat-interval}, marked stopped on a clean shutdown. It also records which
 * instance owns (runs) each job execution, so the admin can tell a stuck execution whose owner died
 * from one that is still running somewhere. All times are the database's clock.
 */
@Component
public class Instances implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Instances.class);

    /** The owner of an execution as last seen; {@code alive} when it has not stopped and its heartbeat is fresh. */
    public record Owner(String instanceId, String host, long pid, LocalDateTime lastHeartbeat, LocalDateTime stoppedAt,
                 Duration sinceHeartbeat, boolean alive) {

        public String describe() {
            return "instance " + instanceId + " on " + host + " (pid " + pid + "), "
                    + (stoppedAt != null ? "stopped at " + stoppedAt
                    : "last heartbeat " + sinceHeartbeat.toSeconds() + " s ago");
        }
    }

    private final JdbcClient jdbc;
    private final AdminProperties properties;
    private final String instanceId = UUID.randomUUID().toString();
    private final String host = hostName();
    private final long pid = ProcessHandle.current().pid();
    private volatile boolean registered;
    private volatile ScheduledExecutorService heartbeat;

    Instances(JdbcClient jdbc, AdminProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    String id() {
        return instanceId;
    }

    /** Records that this instance runs the execution (called as the execution starts). */
    void claim(long jobExecutionId) {
        register();
        jdbc.sql("DELETE FROM job_execution_owner WHERE job_execution_id = ?").param(jobExecutionId).update();
        jdbc.sql("INSERT INTO job_execution_owner (job_execution_id, instance_id, claimed_at) VALUES (?, ?, LOCALTIMESTAMP)")
                .params(jobExecutionId, instanceId).update();
    }

    Optional<Owner> ownerOf(long jobExecutionId) {
        return jdbc.sql("SELECT i.instance_id, i.host, i.pid, i.last_heartbeat, i.stopped_at, LOCALTIMESTAMP "
                        + "FROM job_execution_owner o JOIN leka_instance i ON i.instance_id = o.instance_id "
                        + "WHERE o.job_execution_id = ?")
                .param(jobExecutionId)
                .query((rs, n) -> {
                    LocalDateTime last = rs.getTimestamp(4).toLocalDateTime();
                    LocalDateTime stopped = rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toLocalDateTime();
                    Duration since = Duration.between(last, rs.getTimestamp(6).toLocalDateTime());
                    boolean alive = stopped == null && since.compareTo(properties.ownerDeadAfter()) < 0;
                    return new Owner(rs.getString(1), rs.getString(2), rs.getLong(3), last, stopped, since, alive);
                })
                .optional();
    }

    void beat() {
        try {
            jdbc.sql("UPDATE leka_instance SET last_heartbeat = LOCALTIMESTAMP WHERE instance_id = ?").param(instanceId).update();
        } catch (RuntimeException e) {
            log.warn("Could not write the heartbeat of instance {}", instanceId, e);
        }
    }

    private synchronized void register() {
        if (!registered) {
            jdbc.sql("INSERT INTO leka_instance (instance_id, host, pid, started_at, last_heartbeat) "
                    + "VALUES (?, ?, ?, LOCALTIMESTAMP, LOCALTIMESTAMP)").params(instanceId, host, pid).update();
            registered = true;
            log.info("Instance {} on {} (pid {}) registered", instanceId, host, pid);
        }
    }

    @Override
    public void start() {
        register();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "instance-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = properties.heartbeatInterval().toMillis();
        executor.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        heartbeat = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = heartbeat;
        heartbeat = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        try {
            jdbc.sql("UPDATE leka_instance SET stopped_at = LOCALTIMESTAMP WHERE instance_id = ?").param(instanceId).update();
        } catch (RuntimeException e) {
            log.warn("Could not mark instance {} stopped", instanceId, e);
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeat != null;
    }

    /** Stops after the job launchers, so the instance is marked stopped only when its jobs are. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
