package se.leka.admin;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin's settings ({@code leka.admin.*}, see README "Configuration").
 *
 * @param users             who may log in, with {@code {bcrypt}} password hashes; none by default
 * @param heartbeatInterval how often this instance writes its heartbeat
 * @param ownerDeadAfter    an instance whose last heartbeat is older than this is dead: its STARTED
 *                          executions may be recovered
 * @param launchThreads     how many jobs launched or restarted from the admin may run at once
 * @param history           purging execution history and the retention of job logs
 */
@ConfigurationProperties("leka.admin")
record AdminProperties(@DefaultValue List<User> users,
                       @DefaultValue("10s") Duration heartbeatInterval,
                       @DefaultValue("60s") Duration ownerDeadAfter,
                       @DefaultValue("4") int launchThreads,
                       @DefaultValue History history) {

    /**
     * @param purgeAfterDays        the age, in days, the purge page proposes: history older than this may be purged
     * @param jobLogRetentionDays   job log lines older than this many days are deleted nightly
     * @param jobLogRetentionCron   when (Swedish time) the job-log retention runs
     */
    record History(@DefaultValue("180") int purgeAfterDays,
                   @DefaultValue("365") int jobLogRetentionDays,
                   @DefaultValue("0 45 3 * * *") String jobLogRetentionCron) {
    }

    /** A configured user: {@code roles} among OPERATOR, AUDITOR, ADMIN. */
    record User(String username, String password, List<String> roles) {
    }
}
