-- The three telemetry tiers. Chunk intervals are sized for the demonstration
-- fleet (3 satellites, ~1,300 samples/s): an hour of samples is ~5 M rows,
-- which with its index stays well inside shared memory while being written.
-- Retention drops whole chunks (drop_chunks), so no table needs a time-only index.

-- Bronze: every packet as received, the source for reprocessing.
CREATE TABLE raw_packets (
  received_at    timestamptz NOT NULL,
  satellite_id   integer NOT NULL,
  apid           smallint NOT NULL,
  sequence_count smallint NOT NULL,
  -- NULL when the packet carried no usable time: bronze never rejects a packet.
  onboard_time   timestamptz,
  topic          text NOT NULL,
  partition      integer NOT NULL,
  "offset"       bigint NOT NULL,
  ground_station text,
  packet         bytea NOT NULL
);
SELECT create_hypertable('raw_packets', by_range('received_at', INTERVAL '6 hours'), create_default_indexes => false);
CREATE INDEX raw_packets_satellite_received_idx ON raw_packets (satellite_id, received_at DESC);

-- Silver: calibrated samples. Columns ordered widest first so rows need no
-- alignment padding (32 bytes of data per row).
CREATE TABLE samples (
  ts           timestamptz NOT NULL,
  value        double precision NOT NULL,
  raw_value    double precision NOT NULL,
  satellite_id integer NOT NULL,
  parameter_id smallint NOT NULL,
  -- Bit flags, 0 = good.
  quality      smallint NOT NULL DEFAULT 0
);
SELECT create_hypertable('samples', by_range('ts', INTERVAL '1 hour'), create_default_indexes => false);
-- Serves every series query: one satellite, a few parameters, a time range.
CREATE INDEX samples_satellite_parameter_ts_idx ON samples (satellite_id, parameter_id, ts DESC);

-- Gold: 1-second aggregates, merged by upsert when late samples arrive.
-- avg is sum / count, so that merging two partial buckets stays exact.
CREATE TABLE agg_1s (
  bucket       timestamptz NOT NULL,
  satellite_id integer NOT NULL,
  parameter_id smallint NOT NULL,
  min          double precision NOT NULL,
  max          double precision NOT NULL,
  sum          double precision NOT NULL,
  count        integer NOT NULL CHECK (count > 0),
  last         double precision NOT NULL,
  last_ts      timestamptz NOT NULL,
  PRIMARY KEY (satellite_id, parameter_id, bucket)
);
SELECT create_hypertable('agg_1s', by_range('bucket', INTERVAL '6 hours'), create_default_indexes => false);
