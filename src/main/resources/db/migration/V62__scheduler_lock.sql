-- The admin room's nightly scheduler: one row per scheduled job, used as a short lease so that of
-- several application instances on one database only one at a time decides whether a job's run for a
-- business date must start, and starts it. locked_at is the database's LOCALTIMESTAMP (instances'
-- clocks never disagree); a lease older than five minutes is free again (its holder died).
-- Portable SQL: runs on PostgreSQL 15 and on H2 in PostgreSQL mode.
CREATE TABLE scheduler_lock (
    job_name   VARCHAR(100) NOT NULL PRIMARY KEY,
    owner      VARCHAR(36),
    locked_at  TIMESTAMP
);
