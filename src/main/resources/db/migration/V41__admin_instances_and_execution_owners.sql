-- The admin room: which application instances are alive (each writes a heartbeat) and which
-- instance owns (runs) which job execution, so that "recover" can refuse an execution whose owner
-- is still alive. Times are the database's LOCALTIMESTAMP, so instances' clocks never disagree.

CREATE TABLE leka_instance (
    instance_id     VARCHAR(36)   NOT NULL PRIMARY KEY,
    host            VARCHAR(255)  NOT NULL,
    pid             BIGINT        NOT NULL,
    started_at      TIMESTAMP     NOT NULL,
    last_heartbeat  TIMESTAMP     NOT NULL,
    stopped_at      TIMESTAMP
);

CREATE TABLE job_execution_owner (
    job_execution_id  BIGINT       NOT NULL PRIMARY KEY,
    instance_id       VARCHAR(36)  NOT NULL REFERENCES leka_instance (instance_id),
    claimed_at        TIMESTAMP    NOT NULL
);
CREATE INDEX job_execution_owner_by_instance ON job_execution_owner (instance_id);
