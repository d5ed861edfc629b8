-- Query files (FRAG) share the order room's line table: a query line has action 'Q' and may
-- bound the answer with a to-date.
ALTER TABLE order_line ADD COLUMN to_date DATE;
