import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserExistsError } from '../../server/errors';
import { startTestDatabase, type TestDatabase } from '../testing/test-database';
import { deleteExpiredSessions } from './delete-expired-sessions';
import { deleteSession } from './delete-session';
import { insertAuditEntry } from './insert-audit-entry';
import { insertSession } from './insert-session';
import { insertUser } from './insert-user';
import { selectAdminExists } from './select-admin-exists';
import { selectSession } from './select-session';
import { selectUserByUsername } from './select-user-by-username';
import { touchSession } from './touch-session';

const T0 = 1_800_000_000_123.456;
const HASH = 'scrypt$10$8$1$AAAAAAAAAAAAAAAAAAAAAA$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const SESSION_A = 'a'.repeat(64);
const SESSION_B = 'b'.repeat(64);

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db?.stop());

describe('db > users and sessions', () => {
  it('stores a user and reads it back exactly; a taken name is UserExistsError', async () => {
    expect(await selectAdminExists(db.pool)).toBe(false);
    const alice = await insertUser(db.pool, { username: 'alice', role: 'operator', passwordHash: HASH, createdAtMs: T0 });
    expect(alice).toEqual({ id: 1, username: 'alice', role: 'operator', passwordHash: HASH, createdAtMs: T0, disabled: false, isDemo: false });
    expect(await selectUserByUsername(db.pool, 'alice')).toEqual(alice);
    expect(await selectUserByUsername(db.pool, 'bob')).toBeUndefined();
    await expect(insertUser(db.pool, { username: 'alice', role: 'admin', passwordHash: HASH, createdAtMs: T0 })).rejects.toThrow(UserExistsError);
    await insertUser(db.pool, { username: 'root', role: 'admin', passwordHash: HASH, createdAtMs: T0 });
    expect(await selectAdminExists(db.pool)).toBe(true);
  });

  it('refuses upper-case names, unknown roles and anything but a scrypt hash', async () => {
    await expect(insertUser(db.pool, { username: 'Alice', role: 'operator', passwordHash: HASH, createdAtMs: T0 })).rejects.toThrow(/users_username_check/);
    await expect(insertUser(db.pool, { username: 'carol', role: 'root' as never, passwordHash: HASH, createdAtMs: T0 })).rejects.toThrow(/users_role_check/);
    await expect(insertUser(db.pool, { username: 'carol', role: 'viewer', passwordHash: 'plain', createdAtMs: T0 })).rejects.toThrow(/users_password_hash_check/);
  });

  it('keeps sessions by token hash with their user, touches, deletes and expires them', async () => {
    const alice = (await selectUserByUsername(db.pool, 'alice'))!;
    await insertSession(db.pool, { id: SESSION_A, userId: alice.id, createdAtMs: T0, expiresAtMs: T0 + 60_000, clientAddress: '10.0.0.7' });
    await insertSession(db.pool, { id: SESSION_B, userId: alice.id, createdAtMs: T0, expiresAtMs: T0 + 1000, clientAddress: null });
    expect(await selectSession(db.pool, SESSION_A)).toEqual({ sessionId: SESSION_A, expiresAtMs: T0 + 60_000, lastSeenMs: T0, user: alice });
    await touchSession(db.pool, SESSION_A, T0 + 5000);
    expect((await selectSession(db.pool, SESSION_A))!.lastSeenMs).toBe(T0 + 5000);
    const { rows } = await db.pool.query('SELECT host(client_address) AS address FROM sessions ORDER BY id');
    expect(rows).toEqual([{ address: '10.0.0.7' }, { address: null }]);

    expect(await deleteExpiredSessions(db.pool, T0 + 1000)).toBe(1);
    expect(await selectSession(db.pool, SESSION_B)).toBeUndefined();
    expect(await deleteSession(db.pool, SESSION_A)).toBe(true);
    expect(await deleteSession(db.pool, SESSION_A)).toBe(false);
    await expect(
      insertSession(db.pool, { id: 'not-a-hash', userId: alice.id, createdAtMs: T0, expiresAtMs: T0 + 1, clientAddress: null }),
    ).rejects.toThrow(/sessions_id_check/);
  });

  it('appends user actions to audit_log, including failed logins by anonymous, and cannot change them', async () => {
    await insertAuditEntry(db.pool, {
      atMs: T0,
      actor: 'anonymous',
      actorRole: 'anonymous',
      action: 'login.failed',
      target: 'user:alice',
      clientAddress: '10.0.0.7',
      details: { reason: 'wrong-password' },
    });
    const { rows } = await db.pool.query(
      `SELECT (extract(epoch FROM at) * 1000)::float8 AS at_ms, actor, actor_role, action, target, host(client_address) AS address, details
         FROM audit_log`,
    );
    expect(rows).toEqual([
      { at_ms: T0, actor: 'anonymous', actor_role: 'anonymous', action: 'login.failed', target: 'user:alice', address: '10.0.0.7', details: { reason: 'wrong-password' } },
    ]);
    await expect(db.pool.query('DELETE FROM audit_log')).rejects.toThrow('audit_log is append-only: DELETE is not allowed');
  });
});
