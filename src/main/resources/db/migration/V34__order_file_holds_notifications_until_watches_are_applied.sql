-- An order file's new watches and their complete information are made side by side: the deliver
-- step reads the register while the apply step inserts the watches. A daily change run in between
-- would not see the new watches yet and would move the partner's watermark past changes that the
-- complete information, read earlier, does not hold. So from before the first register read until
-- the watches are committed, the file holds the partner's notifications back: a daily run ends
-- that stream's window at changes_after_seq (the register position read when the hold was set,
-- which is also where the new watches' changes begin). Apply releases the hold in its transaction.
ALTER TABLE order_file ADD COLUMN changes_after_seq BIGINT;
ALTER TABLE order_file ADD COLUMN notifications_held BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE order_file ADD COLUMN held_by_job_execution_id BIGINT;
