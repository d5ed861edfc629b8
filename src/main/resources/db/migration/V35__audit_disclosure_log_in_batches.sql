-- The disclosure log, stored in two parts: what the rows of one append share — the time, who
-- received the data (and through which agent), on which purpose and legal basis, which families,
-- under which agreement, in which file, by which job execution — once per batch, and per row only
-- the person, its place in the chain and its hash. A million-person delivery wrote the same 300
-- bytes a million times, into a table with two indexes on those shared columns; that was the
-- largest single cost of an order file's deliver step (ops/bench/results/2026-11-30.md).
--
-- Nothing about the chain changes: a row's hash is computed over the same fields as before (the
-- batch's and its own) and the previous row's hash, so every existing chain stays valid. The
-- previous row's hash is no longer stored with each row: it is the row_hash of the row before
-- (null in the view when that row is missing — verification reports the gap). The view
-- disclosure_log shows the rows as they were (read it, never write it).
CREATE TABLE disclosure_batch (
    batch_id           BIGINT       NOT NULL PRIMARY KEY,  -- the seq of its first row
    disclosed_at       TIMESTAMP    NOT NULL,
    recipient_org      VARCHAR(10)  NOT NULL,
    agent_org          VARCHAR(10),
    purpose_code       VARCHAR(10)  NOT NULL,
    legal_basis_id     VARCHAR(40)  NOT NULL,
    statute_reference  VARCHAR(500) NOT NULL,
    benefit_families   VARCHAR(100) NOT NULL,
    agreement_id       VARCHAR(40)  NOT NULL,
    file_name          VARCHAR(100) NOT NULL,
    job_execution_id   BIGINT,
    information_type   SMALLINT     NOT NULL,
    records            BIGINT       NOT NULL,  -- its rows; verification counts them (fees are summed from it)
    CONSTRAINT disclosure_batch_has_records CHECK (records > 0)
);
CREATE INDEX disclosure_batch_by_recipient ON disclosure_batch (recipient_org, disclosed_at);
CREATE INDEX disclosure_batch_by_file ON disclosure_batch (file_name);
CREATE INDEX disclosure_batch_by_time ON disclosure_batch (disclosed_at);

CREATE TABLE disclosure_record (
    seq           BIGINT      NOT NULL PRIMARY KEY,
    batch_id      BIGINT      NOT NULL,
    personnummer  VARCHAR(12) NOT NULL,
    row_hash      CHAR(64)    NOT NULL
);
CREATE INDEX disclosure_record_by_person ON disclosure_record (personnummer, seq);
CREATE INDEX disclosure_record_by_batch ON disclosure_record (batch_id);

INSERT INTO disclosure_batch (batch_id, disclosed_at, recipient_org, agent_org, purpose_code, legal_basis_id,
                              statute_reference, benefit_families, agreement_id, file_name, job_execution_id,
                              information_type, records)
SELECT MIN(seq), disclosed_at, recipient_org, agent_org, purpose_code, legal_basis_id, statute_reference,
       benefit_families, agreement_id, file_name, job_execution_id, information_type, COUNT(*)
FROM disclosure_log
GROUP BY disclosed_at, recipient_org, agent_org, purpose_code, legal_basis_id, statute_reference, benefit_families,
         agreement_id, file_name, job_execution_id, information_type;

INSERT INTO disclosure_record (seq, batch_id, personnummer, row_hash)
SELECT l.seq, b.batch_id, l.personnummer, l.row_hash
FROM disclosure_log l JOIN disclosure_batch b
  ON b.disclosed_at = l.disclosed_at AND b.recipient_org = l.recipient_org
 AND (b.agent_org = l.agent_org OR (b.agent_org IS NULL AND l.agent_org IS NULL))
 AND b.purpose_code = l.purpose_code AND b.legal_basis_id = l.legal_basis_id
 AND b.statute_reference = l.statute_reference AND b.benefit_families = l.benefit_families
 AND b.agreement_id = l.agreement_id AND b.file_name = l.file_name
 AND (b.job_execution_id = l.job_execution_id OR (b.job_execution_id IS NULL AND l.job_execution_id IS NULL))
 AND b.information_type = l.information_type;

DROP TABLE disclosure_log;

CREATE VIEW disclosure_log AS
SELECT r.seq, b.disclosed_at, b.recipient_org, b.agent_org, r.personnummer, b.purpose_code, b.legal_basis_id,
       b.statute_reference, b.benefit_families, b.agreement_id, b.file_name, b.job_execution_id, b.information_type,
       CASE WHEN r.seq = 1 THEN '0000000000000000000000000000000000000000000000000000000000000000'
            ELSE p.row_hash END AS previous_hash,
       r.row_hash
FROM disclosure_record r
JOIN disclosure_batch b ON b.batch_id = r.batch_id
LEFT JOIN disclosure_record p ON p.seq = r.seq - 1;
