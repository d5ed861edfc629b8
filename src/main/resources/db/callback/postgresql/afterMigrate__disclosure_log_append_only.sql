-- PostgreSQL only (Flyway callback, run after every migrate; idempotent): the disclosure log —
-- its batches and its rows (V35) — is append-only. The hash chain detects tampering on any
-- database; these triggers prevent it here.
CREATE OR REPLACE FUNCTION disclosure_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the disclosure log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE TRIGGER disclosure_record_append_only
    BEFORE UPDATE OR DELETE ON disclosure_record
    FOR EACH ROW EXECUTE FUNCTION disclosure_log_refuse_change();

CREATE OR REPLACE TRIGGER disclosure_batch_append_only
    BEFORE UPDATE OR DELETE ON disclosure_batch
    FOR EACH ROW EXECUTE FUNCTION disclosure_log_refuse_change();
