-- The admin room: executions whose history was purged but which are kept as their job instance's
-- identity (the last execution of a finished instance keeps its row and its parameters, so the same
-- business parameters are still refused as complete; its steps and job log are removed).
-- See ops/admin.md, "Purge execution history".

CREATE TABLE job_execution_purge (
    job_execution_id  BIGINT        NOT NULL PRIMARY KEY,
    purged_at         TIMESTAMP     NOT NULL,
    purged_by         VARCHAR(100)  NOT NULL
);
