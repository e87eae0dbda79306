-- The ISA-18.2 alarm lifecycle (server/domain/alarms): each alarm gets a
-- state, acknowledgement, shelve and assignment, and a version for optimistic
-- concurrency; and an append-only audit log of every transition and user action.

ALTER TABLE alarms
  -- A short, stable id for consoles and the audit log; the primary key stays (satellite, rule, subject).
  ADD COLUMN id                  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  ADD COLUMN state               text,
  ADD COLUMN highest_severity    text CHECK (highest_severity IN ('warning', 'critical')),
  ADD COLUMN latching            boolean NOT NULL DEFAULT true,
  ADD COLUMN last_raised_at      timestamptz,
  ADD COLUMN acknowledged_by     text,
  ADD COLUMN acknowledged_at     timestamptz,
  ADD COLUMN acknowledge_comment text CHECK (char_length(acknowledge_comment) <= 500),
  ADD COLUMN shelved_by          text,
  ADD COLUMN shelved_until       timestamptz,
  ADD COLUMN assignee            text CHECK (char_length(assignee) <= 64),
  -- Incremented by every write, so that two consoles acting on the same alarm cannot both win silently.
  ADD COLUMN version             integer NOT NULL DEFAULT 1 CHECK (version >= 1);

-- Alarms stored before the lifecycle existed could never be acknowledged: an
-- active one is unacknowledged, an inactive one is normal (holding every old
-- return to normal as unacknowledged would flood the console on upgrade).
UPDATE alarms a
   SET state = CASE WHEN a.active THEN 'unacknowledged' ELSE 'normal' END,
       highest_severity = a.severity,
       last_raised_at = COALESCE(
         (SELECT max(e.window_end) FROM alarm_events e
           WHERE e.satellite_id = a.satellite_id AND e.rule_id = a.rule_id AND e.subject = a.subject AND e.kind = 'raised'),
         a.first_raised_at);

ALTER TABLE alarms
  ALTER COLUMN state SET NOT NULL,
  ALTER COLUMN highest_severity SET NOT NULL,
  ADD CONSTRAINT alarms_state_check CHECK (state IN (
    'normal', 'unacknowledged', 'acknowledged', 'returned-to-normal-unacknowledged', 'shelved', 'suppressed-by-design')),
  ADD CONSTRAINT alarms_acknowledged_by_check CHECK (state <> 'acknowledged' OR acknowledged_by IS NOT NULL),
  ADD CONSTRAINT alarms_shelve_check CHECK ((state = 'shelved') = (shelved_until IS NOT NULL AND shelved_by IS NOT NULL));

-- The shelve-expiry tick looks for shelves that ran out.
CREATE INDEX alarms_shelved_until_idx ON alarms (shelved_until) WHERE state = 'shelved';

-- Who did what, when, from where: every alarm transition and every user
-- action, appended and never changed. A plain table, not a hypertable, so
-- that chunk retention can never drop any of it.
CREATE TABLE audit_log (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- When the action was taken (the application's clock); recorded_at is the database's.
  at             timestamptz NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  actor          text NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 64),
  actor_role     text NOT NULL CHECK (actor_role IN ('system', 'viewer', 'operator', 'admin')),
  action         text NOT NULL,
  -- What was acted on, e.g. 'alarm:42'.
  target         text NOT NULL,
  from_state     text,
  to_state       text,
  comment        text CHECK (char_length(comment) <= 500),
  -- The console's address for user actions; NULL for the stream and the clock.
  client_address inet,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_target_at_idx ON audit_log (target, at DESC);

-- Append-only, enforced here rather than trusted to the application. Statement
-- triggers, so that even an UPDATE or DELETE matching no row is refused, and
-- TRUNCATE (which row triggers never see) too. A superuser can still disable
-- the triggers; in production the application's role should not own this table.
CREATE FUNCTION audit_log_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'record a correction as a new audit entry instead';
END;
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
