package se.leka.notification;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.leka.audit.DisclosureLog;
import se.leka.exchange.Outboxes;
import se.leka.register.RegisterImports;

/** What the notification room's functional tests use: the jobs, the register import, the outboxes and the logs. */
abstract class NotificationTestBase {

    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier("order-intake")
    Job orderIntake;
    @Autowired
    @Qualifier(DailyNotificationJobConfiguration.JOB_NAME)
    Job daily;
    @Autowired
    RegisterImports imports;
    @Autowired
    NotificationRuns runs;
    @Autowired
    Outboxes outboxes;
    @Autowired
    DisclosureLog disclosures;
    @Autowired
    JdbcClient jdbc;
}
