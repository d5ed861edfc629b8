-- Two indexes that no query uses, dropped because each costs a random insertion per row — about
-- 1.5 to 1.9 s of PostgreSQL's time for a million-line order file (measured, ops/bench/results):
-- * watch_by_person: every query of the watches names the party, so watch_by_party_person
--   (party_org, personnummer, purpose_code) serves them all.
-- * order_line_by_person: the file checks join a file's lines with each other and with the
--   watches; for a whole file PostgreSQL hashes them (the primary key's inbound_file_id prefix
--   finds a file's lines), and it did not use this index for them.
DROP INDEX watch_by_person;
DROP INDEX order_line_by_person;
