-- The audit room's disclosure log: one row per person-record that left LEKA, append-only, each row
-- chained to the one before it by SHA-256 so that an edited, removed or inserted row is detectable.
-- (On PostgreSQL a trigger, db/callback/postgresql/afterMigrate__disclosure_log_append_only.sql,
-- also refuses UPDATE and DELETE.)

CREATE TABLE disclosure_log (
    seq                BIGINT       NOT NULL PRIMARY KEY,
    disclosed_at       TIMESTAMP    NOT NULL,
    recipient_org      VARCHAR(10)  NOT NULL,
    agent_org          VARCHAR(10),
    personnummer       VARCHAR(12)  NOT NULL,
    purpose_code       VARCHAR(10)  NOT NULL,
    legal_basis_id     VARCHAR(40)  NOT NULL,
    statute_reference  VARCHAR(500) NOT NULL,
    benefit_families   VARCHAR(100) NOT NULL,
    agreement_id       VARCHAR(40)  NOT NULL,
    file_name          VARCHAR(100) NOT NULL,
    job_execution_id   BIGINT,
    information_type   SMALLINT     NOT NULL,
    previous_hash      CHAR(64)     NOT NULL,
    row_hash           CHAR(64)     NOT NULL
);
CREATE INDEX disclosure_log_by_person ON disclosure_log (personnummer, seq);
CREATE INDEX disclosure_log_by_recipient ON disclosure_log (recipient_org, disclosed_at);
CREATE INDEX disclosure_log_by_file ON disclosure_log (file_name);

-- The head of the chain: one row, locked by every append so that appends are serialised and the
-- chain can never fork.
CREATE TABLE disclosure_chain_head (
    id         SMALLINT  NOT NULL PRIMARY KEY,
    last_seq   BIGINT    NOT NULL,
    last_hash  CHAR(64)  NOT NULL,
    CONSTRAINT disclosure_chain_head_single CHECK (id = 1)
);
INSERT INTO disclosure_chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
