-- Console users, their roles and their sign-in sessions (server/auth).
-- Passwords are stored only as scrypt hashes that carry their own parameters
-- and salt; sessions only as the SHA-256 of the token held in the browser's
-- cookie, so a copy of this table cannot be replayed as a login.

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Lower case, so that "Alice" and "alice" can never be two accounts.
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,31}$'),
  role          text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  -- scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url> (server/auth/password-hash.ts).
  password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  created_at    timestamptz NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  -- The operator `perigee start` signs in automatically; shown as such in the console.
  is_demo       boolean NOT NULL DEFAULT false
);

CREATE TABLE sessions (
  -- Hex SHA-256 of the cookie's token; the token itself is never stored.
  id             text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  user_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL,
  last_seen_at   timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL CHECK (expires_at > created_at),
  client_address inet
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

-- A failed login is made by nobody known yet: the audit log gets a role for
-- that rather than crediting the attempt to the account it named.
ALTER TABLE audit_log
  DROP CONSTRAINT audit_log_actor_role_check,
  ADD CONSTRAINT audit_log_actor_role_check CHECK (actor_role IN ('system', 'anonymous', 'viewer', 'operator', 'admin'));
