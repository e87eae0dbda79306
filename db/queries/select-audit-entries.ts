/**
 * audit_log entries newest first, narrowed by target, target kind, action,
 * actor and time, paged by id (keyset: pass the last id seen as beforeId).
 * Ordered by id, which follows insertion: the order entries were written.
 *
 * @example
 *   await selectAuditEntries(pool, { target: 'alarm:42', limit: 100 });
 *   // → [{ id: 311, atMs, actor: 'alice', action: 'acknowledge', fromState: 'unacknowledged', toState: 'acknowledged', comment: '…', clientAddress: '10.0.0.7', … }]
 */
import type { AuditQuery, AuditRecord } from '../../server/ports/audit-trail';
import type { Queryable } from '../pool';
import { epochMs, timestampFromMs } from './epoch';

const SQL = `
SELECT id::float8 AS id, ${epochMs('at')} AS at_ms, actor, actor_role, action, target, from_state, to_state, comment,
       host(client_address) AS client_address, details
  FROM audit_log
 WHERE ($1::text IS NULL OR target = $1)
   AND ($2::text IS NULL OR target LIKE $2 || ':%')
   AND ($3::text IS NULL OR action = $3)
   AND ($4::text IS NULL OR actor = $4)
   AND ($5::float8 IS NULL OR at >= ${timestampFromMs('$5')})
   AND ($6::float8 IS NULL OR at <= ${timestampFromMs('$6')})
   AND ($7::bigint IS NULL OR id < $7)
 ORDER BY id DESC
 LIMIT $8`;

interface AuditRow {
  id: number;
  at_ms: number;
  actor: string;
  actor_role: string;
  action: string;
  target: string;
  from_state: string | null;
  to_state: string | null;
  comment: string | null;
  client_address: string | null;
  details: Record<string, unknown>;
}

export async function selectAuditEntries(q: Queryable, query: AuditQuery): Promise<AuditRecord[]> {
  const { rows } = await q.query<AuditRow>(SQL, [
    query.target ?? null,
    query.targetKind ?? null,
    query.action ?? null,
    query.actor ?? null,
    query.fromMs ?? null,
    query.toMs ?? null,
    query.beforeId ?? null,
    query.limit,
  ]);
  return rows.map((r) => ({
    id: r.id,
    atMs: r.at_ms,
    actor: r.actor,
    actorRole: r.actor_role,
    action: r.action,
    target: r.target,
    fromState: r.from_state,
    toState: r.to_state,
    comment: r.comment,
    clientAddress: r.client_address,
    details: r.details,
  }));
}
