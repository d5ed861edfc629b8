-- The agreement room's expiry job: what it has done, once per target, so that a restarted or later
-- run neither repeats a change nor forgets to tell the other rooms about it.
-- kind FINAL_NOTICE: the final notice before access closes was asked for (target: agreement id);
-- AGREEMENT_ENDED: the agreement was ended (target: agreement id); ASSIGNMENT_ENDED: an agent's
-- assignment reached its end date (target: assignment id). propagated_at is set once the event has
-- been handled by every listener (watches ended, notice delivered, login disabled, logged).
-- Portable SQL: runs on PostgreSQL 15 and on H2 in PostgreSQL mode.
CREATE TABLE agreement_expiry (
    kind              VARCHAR(20)  NOT NULL,
    target_id         VARCHAR(40)  NOT NULL,
    party             VARCHAR(10)  NOT NULL,
    effective_on      DATE         NOT NULL,
    run_date          DATE         NOT NULL,
    job_execution_id  BIGINT       NOT NULL,
    recorded_at       TIMESTAMP    NOT NULL,
    propagated_at     TIMESTAMP,
    PRIMARY KEY (kind, target_id),
    CONSTRAINT agreement_expiry_kind_known CHECK (kind IN ('FINAL_NOTICE', 'AGREEMENT_ENDED', 'ASSIGNMENT_ENDED'))
);
