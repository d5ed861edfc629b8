package se.leka.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The nightly scheduler ({@code leka.scheduler.*}, README "Configuration"; schedules themselves are
 * {@code leka.jobs.<job>.cron}).
 *
 * @param enabled     run scheduled jobs on this instance (every instance may; only one runs each date)
 * @param catchUpDays at start-up, run dates missed in this many days before now are caught up
 */
@ConfigurationProperties("leka.scheduler")
record SchedulerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("7") int catchUpDays) {
}
