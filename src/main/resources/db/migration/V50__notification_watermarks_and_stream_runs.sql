-- The notification room: the daily change run's watermarks and what each run did per stream.
-- A stream is one mailbox's share of a party's watches: the party's own (mailbox '<party>') or
-- those ordered through an agent (mailbox '<agent>/<party>'). See jobs/daily-notification/README.md.

-- A watch remembers the register change log's sequence when it started: its first (complete)
-- delivery covers everything before, the daily run sends the changes after it. Watches that exist
-- when this migration runs start from the change log as it is now.
ALTER TABLE watch ADD COLUMN changes_after_seq BIGINT DEFAULT 0 NOT NULL;
UPDATE watch SET changes_after_seq = (SELECT COALESCE(MAX(seq), 0) FROM register_change);

-- Per stream: the change-log sequence up to which its changes have been delivered. Advanced only in
-- the transaction that records the stream's delivered file (or that it had no changes).
CREATE TABLE notification_watermark (
    mailbox         VARCHAR(21)  NOT NULL PRIMARY KEY,
    party_org       VARCHAR(10)  NOT NULL,
    agent_org       VARCHAR(10),
    last_seq        BIGINT       NOT NULL,
    last_run_date   DATE,
    updated_at      TIMESTAMP    NOT NULL
);

-- Per daily run (run_date) and stream: planned, skipped (why), not due (weekly agreements), and
-- how it ended (DELIVERED with its file, or NO_CHANGES). The run's report, for operators and tests.
CREATE TABLE notification_stream_run (
    run_date          DATE          NOT NULL,
    mailbox           VARCHAR(21)   NOT NULL,
    party_org         VARCHAR(10)   NOT NULL,
    agent_org         VARCHAR(10),
    agreement_id      VARCHAR(40),
    job_execution_id  BIGINT        NOT NULL,
    status            VARCHAR(12)   NOT NULL,
    reason            VARCHAR(40),
    message           VARCHAR(300),
    active_watches    BIGINT        NOT NULL,
    from_seq          BIGINT,
    to_seq            BIGINT,
    persons           BIGINT,
    file_name         VARCHAR(100),
    finished_at       TIMESTAMP,
    PRIMARY KEY (run_date, mailbox),
    CONSTRAINT notification_stream_run_status_known
        CHECK (status IN ('PLANNED', 'SKIPPED', 'NOT_DUE', 'DELIVERED', 'NO_CHANGES'))
);
