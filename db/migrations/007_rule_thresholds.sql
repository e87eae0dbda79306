-- Thresholds of the stream rules as an admin set them in the console
-- (server/domain/stream/rules/rule-thresholds.ts). A rule without a row runs
-- with the threshold of its rules file; the processor reads this table
-- periodically, so a change applies without a restart. Who changed what,
-- from which value to which, is in audit_log (action 'rule.threshold').

CREATE TABLE rule_thresholds (
  rule_id    text PRIMARY KEY CHECK (rule_id ~ '^[a-z][a-z0-9-]{0,63}$'),
  value      double precision NOT NULL CHECK (value > '-Infinity' AND value < 'Infinity'),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL CHECK (char_length(updated_by) BETWEEN 1 AND 64)
);

-- The audit page lists entries newest first, narrowed by action or actor.
CREATE INDEX audit_log_action_id_idx ON audit_log (action, id DESC);
CREATE INDEX audit_log_actor_id_idx ON audit_log (actor, id DESC);
