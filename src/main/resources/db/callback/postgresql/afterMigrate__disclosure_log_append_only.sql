-- PostgreSQL only (Flyway callback, run after every migrate; idempotent): the disclosure log is
-- append-only. The hash chain detects tampering on any database; this trigger prevents it here.
CREATE OR REPLACE FUNCTION disclosure_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'disclosure_log is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE TRIGGER disclosure_log_append_only
    BEFORE UPDATE OR DELETE ON disclosure_log
    FOR EACH ROW EXECUTE FUNCTION disclosure_log_refuse_change();
