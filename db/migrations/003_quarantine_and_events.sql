-- What could not be stored as telemetry, and what the ground stations reported.

-- Messages that failed decoding or validation, verbatim, with the reason.
CREATE TABLE quarantine (
  received_at  timestamptz NOT NULL,
  reason       text NOT NULL,
  detail       text NOT NULL,
  topic        text NOT NULL,
  partition    integer NOT NULL,
  "offset"     bigint NOT NULL,
  satellite_id integer,
  apid         smallint,
  payload      bytea NOT NULL
);
SELECT create_hypertable('quarantine', by_range('received_at', INTERVAL '1 day'), create_default_indexes => false);
-- The ops page counts quarantined messages per reason over a recent window.
CREATE INDEX quarantine_reason_received_idx ON quarantine (reason, received_at DESC);

-- AOS/LOS, signal quality and uplink verification; the event as published is kept in payload.
CREATE TABLE ground_station_events (
  time         timestamptz NOT NULL,
  satellite_id integer NOT NULL,
  station      text NOT NULL,
  type         text NOT NULL CHECK (type IN ('aos', 'los', 'signal', 'uplink')),
  pass_id      text NOT NULL,
  payload      jsonb NOT NULL,
  topic        text NOT NULL,
  partition    integer NOT NULL,
  "offset"     bigint NOT NULL
);
SELECT create_hypertable('ground_station_events', by_range('time', INTERVAL '7 days'), create_default_indexes => false);
CREATE INDEX ground_station_events_satellite_time_idx ON ground_station_events (satellite_id, time DESC);
CREATE INDEX ground_station_events_pass_idx ON ground_station_events (pass_id, time);
