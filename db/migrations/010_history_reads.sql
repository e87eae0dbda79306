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

-- Reprocessing rebuilds a range of onboard time from bronze: recorder dumps
-- arrive hours after their onboard time, so their packets are found by it.
CREATE INDEX raw_packets_satellite_onboard_idx ON raw_packets (satellite_id, onboard_time);
