-- Stream processing: idempotent silver and gold, packet context and lineage,
-- a 1-minute tier, processor quarantine provenance, and alarms.

-- Samples are unique per (satellite, parameter, onboard time): a frame
-- published twice (a processor restarted before committing its offsets) is
-- stored once. The unique index replaces the plain one on the same columns.
DROP INDEX samples_satellite_parameter_ts_idx;
CREATE UNIQUE INDEX samples_satellite_parameter_ts_key ON samples (satellite_id, parameter_id, ts DESC);

-- Silver context: one row per accepted packet — how it was enriched and where
-- it sits in the raw log (lineage from any sample back to its packet).
CREATE TABLE packets (
  ts                    timestamptz NOT NULL,
  arrived_at            timestamptz NOT NULL,
  -- The onboard time the packet carried when it was drifted and repaired to ts.
  received_onboard_time timestamptz,
  lat_deg               double precision,
  lon_deg               double precision,
  alt_km                double precision,
  tle_epoch             timestamptz,
  satellite_id          integer NOT NULL,
  source_partition      integer NOT NULL,
  source_offset         bigint NOT NULL,
  apid                  smallint NOT NULL,
  sequence_count        smallint NOT NULL,
  playback              boolean NOT NULL DEFAULT false,
  source_topic          text NOT NULL,
  ground_station        text,
  mode                  text,
  calibration_version   text NOT NULL
);
SELECT create_hypertable('packets', by_range('ts', INTERVAL '1 day'), create_default_indexes => false);
CREATE UNIQUE INDEX packets_identity_key ON packets (satellite_id, apid, ts, sequence_count);

-- Gold, 1-minute tier: the same shape as agg_1s, merged from the same newly stored samples.
CREATE TABLE agg_1m (LIKE agg_1s INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
SELECT create_hypertable('agg_1m', by_range('bucket', INTERVAL '7 days'), create_default_indexes => false);

-- Who refused what, and where the refused input sits in the raw log.
ALTER TABLE quarantine
  ADD COLUMN stage            text NOT NULL DEFAULT 'ingest',
  ADD COLUMN origin_topic     text,
  ADD COLUMN origin_partition integer,
  ADD COLUMN origin_offset    bigint,
  ADD COLUMN parameter_id     smallint;
-- A processor restarted before committing republishes its refusals: store each once.
CREATE UNIQUE INDEX quarantine_origin_key ON quarantine (received_at, origin_topic, origin_partition, origin_offset, reason, parameter_id)
  NULLS NOT DISTINCT WHERE origin_topic IS NOT NULL;

-- Every alert as raised or cleared by the stream rules, append-only; the id is
-- deterministic, so a republished alert is stored once.
CREATE TABLE alarm_events (
  alert_id      text PRIMARY KEY,
  satellite_id  integer NOT NULL,
  rule_id       text NOT NULL,
  subject       text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('raised', 'cleared')),
  severity      text NOT NULL CHECK (severity IN ('warning', 'critical')),
  window_start  timestamptz NOT NULL,
  window_end    timestamptz NOT NULL,
  value         double precision NOT NULL,
  threshold     double precision NOT NULL,
  message       text NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alarm_events_satellite_window_idx ON alarm_events (satellite_id, window_end DESC);

-- One alarm per (satellite, rule, subject) with a count of occurrences, not a flood of rows.
CREATE TABLE alarms (
  satellite_id    integer NOT NULL,
  rule_id         text NOT NULL,
  subject         text NOT NULL,
  severity        text NOT NULL CHECK (severity IN ('warning', 'critical')),
  active          boolean NOT NULL,
  occurrences     integer NOT NULL,
  first_raised_at timestamptz NOT NULL,
  last_changed_at timestamptz NOT NULL,
  last_value      double precision NOT NULL,
  last_alert_id   text NOT NULL,
  PRIMARY KEY (satellite_id, rule_id, subject)
);
