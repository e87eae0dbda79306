/**
 * Appends one user action (login, logout, failed login, account created) to
 * audit_log. Alarm transitions have their own statement
 * (apply-alarm-transition), which writes the alarm and its entry together.
 *
 * @example
 *   await insertAuditEntry(pool, { atMs, actor: 'alice', actorRole: 'operator', action: 'login', target: 'user:alice', clientAddress: '10.0.0.7' });
 */
import type { AuditEntry } from '../../server/ports/auth-store';
import type { Queryable } from '../pool';
import { timestampFromMs } from './epoch';

const SQL = `
INSERT INTO audit_log (at, actor, actor_role, action, target, client_address, details)
VALUES (${timestampFromMs('$1')}, $2, $3, $4, $5, $6::inet, $7::jsonb)`;

export async function insertAuditEntry(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.query(SQL, [entry.atMs, entry.actor, entry.actorRole, entry.action, entry.target, entry.clientAddress, JSON.stringify(entry.details ?? {})]);
}
