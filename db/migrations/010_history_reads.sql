-- History reads, export and reprocessing.

-- The history tiers, the raw tier and CSV export read (ts, value) of a few
-- parameters of one satellite. Samples arrive one packet at a time, so the
-- rows of one 1 Hz parameter sit one per heap page (an hour of five thermal
-- nodes touched ~15,000 pages, ~1 s cold). Carrying value in the unique
-- index lets those reads be index-only: a parameter's rows are adjacent in
-- the index (an hour of five nodes is ~100 index pages). The index replaces
-- the plain one, so the archive still maintains one index per sample.
DROP INDEX samples_satellite_parameter_ts_key;
CREATE UNIQUE INDEX samples_satellite_parameter_ts_key ON samples (satellite_id, parameter_id, ts DESC) INCLUDE (value);

-- The same for the aggregate tiers: the series queries read min, max, sum
-- and count by (satellite, parameter, bucket). A 1-minute row of one
-- parameter shares its page with every other parameter of that minute, so
-- a day of 10 parameters touched ~14,000 heap pages; index-only, ~100.
-- ON CONFLICT (satellite_id, parameter_id, bucket) still infers the key.
ALTER TABLE agg_1s DROP CONSTRAINT agg_1s_pkey;
ALTER TABLE agg_1s ADD CONSTRAINT agg_1s_pkey PRIMARY KEY (satellite_id, parameter_id, bucket) INCLUDE (min, max, sum, count);
ALTER TABLE agg_1m DROP CONSTRAINT agg_1m_pkey;
ALTER TABLE agg_1m ADD CONSTRAINT agg_1m_pkey PRIMARY KEY (satellite_id, parameter_id, bucket) INCLUDE (min, max, sum, count);

-- Index-only scans skip the heap only for pages the visibility map marks
-- all-visible: autovacuum does that for chunks no longer written (an hour
-- after their end for samples), so history older than the current chunk is
-- read from the indexes alone.

-- Reprocessing rebuilds a range of onboard time from bronze: recorder dumps
-- arrive hours after their onboard time, so their packets are found by it.
CREATE INDEX raw_packets_satellite_onboard_idx ON raw_packets (satellite_id, onboard_time);
