-- Which log an archived offset belongs to (the Kafka cluster's id). Offsets of
-- a replaced log (a cluster rebuilt with its data gone) start again at 0 and
-- say nothing about what was archived from the old one: a stored offset of
-- another log is ignored rather than taken to mean "already archived".
-- NULL: recorded before this column existed, or by a bus without identities.
ALTER TABLE consumer_offsets ADD COLUMN log_id text;
