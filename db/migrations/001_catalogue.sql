-- What the telemetry refers to, and where each consumer group stands.
--
-- Satellite ids are uint16 on the wire (CCSDS secondary header, ground-station
-- events), so they are `integer` everywhere: smallint stops at 32767. In the
-- telemetry tables the wider column costs nothing, the row is padded to 8
-- bytes either way.

-- Synced from the mission database at every start (db/queries/sync-parameters.ts).
-- Rows of parameters removed from the file stay: stored samples still name them.
CREATE TABLE parameters (
  id          smallint PRIMARY KEY,
  -- Deferred so that one sync may swap two names between ids.
  name        text NOT NULL CONSTRAINT parameters_name_key UNIQUE DEFERRABLE INITIALLY DEFERRED,
  subsystem   text NOT NULL,
  unit        text NOT NULL,
  description text NOT NULL
);

-- First and last event time of stored samples and ground-station events.
CREATE TABLE satellites (
  id         integer PRIMARY KEY CHECK (id BETWEEN 0 AND 65535),
  first_seen timestamptz NOT NULL,
  last_seen  timestamptz NOT NULL,
  CHECK (first_seen <= last_seen)
);

-- The last offset archived per consumer group and partition, written in the
-- same transaction as the data it covers (effectively-once archiving).
CREATE TABLE consumer_offsets (
  consumer_group text NOT NULL,
  topic          text NOT NULL,
  partition      integer NOT NULL,
  "offset"       bigint NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, topic, partition)
);
