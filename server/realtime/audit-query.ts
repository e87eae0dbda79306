/**
 * GET /api/audit query parameters, checked before anything reaches the
 * archive: `action`, `actor`, `target` (exact, e.g. alarm:42), `kind`
 * (alarm, user, rule), `from`/`to` (epoch ms), `before` (the id of the last
 * entry of the previous page) and `limit` (1..200, default 50). Every
 * refusal names the parameter and what was wrong.
 *
 * @example
 *   parseAuditQuery(new URLSearchParams('action=acknowledge&limit=20'));
 *   // → { ok: true, query: { action: 'acknowledge', limit: 20 } }
 */
import type { AuditQuery } from '../ports/audit-trail';

export const AUDIT_PAGE = { default: 50, max: 200 } as const;
const PARAMETERS = ['action', 'actor', 'target', 'kind', 'from', 'to', 'before', 'limit'] as const;
type Parameter = (typeof PARAMETERS)[number];

const WORD = /^[a-z][a-z0-9._-]{0,63}$/;
const TARGET = /^[a-z]+:[A-Za-z0-9._:-]{1,128}$/;

export type ParsedAuditQuery = { readonly ok: true; readonly query: AuditQuery } | { readonly ok: false; readonly error: string };

export function parseAuditQuery(search: URLSearchParams): ParsedAuditQuery {
  for (const key of search.keys()) {
    if (!(PARAMETERS as readonly string[]).includes(key)) return { ok: false, error: `unknown parameter "${key.slice(0, 40)}": use ${PARAMETERS.join(', ')}` };
  }
  const text = (name: Parameter, format: RegExp, what: string): string | undefined | Error => {
    const value = search.get(name);
    if (value === null || value === '') return undefined;
    return format.test(value) ? value : new Error(`${name} must be ${what}, got "${value.slice(0, 40)}"`);
  };
  const integer = (name: Parameter, min: number, max: number): number | undefined | Error => {
    const value = search.get(name);
    if (value === null || value === '') return undefined;
    const n = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : new Error(`${name} must be an integer ${min}..${max}, got "${value.slice(0, 40)}"`);
  };
  const action = text('action', WORD, 'an action name such as acknowledge or user.create');
  const actor = text('actor', /^[a-z0-9][a-z0-9._-]{0,63}$/, 'a username');
  const target = text('target', TARGET, 'a target such as alarm:42 or user:alice');
  const kind = text('kind', /^[a-z]{1,16}$/, 'a target kind such as alarm, user or rule');
  const fromMs = integer('from', 0, 8.64e15);
  const toMs = integer('to', 0, 8.64e15);
  const beforeId = integer('before', 1, Number.MAX_SAFE_INTEGER);
  const limit = integer('limit', 1, AUDIT_PAGE.max);
  for (const value of [action, actor, target, kind, fromMs, toMs, beforeId, limit]) if (value instanceof Error) return { ok: false, error: value.message };
  if (typeof fromMs === 'number' && typeof toMs === 'number' && fromMs > toMs) return { ok: false, error: 'from must not be after to' };
  const query: AuditQuery = {
    limit: (limit as number | undefined) ?? AUDIT_PAGE.default,
    ...(action === undefined ? {} : { action: action as string }),
    ...(actor === undefined ? {} : { actor: actor as string }),
    ...(target === undefined ? {} : { target: target as string }),
    ...(kind === undefined ? {} : { targetKind: kind as string }),
    ...(fromMs === undefined ? {} : { fromMs: fromMs as number }),
    ...(toMs === undefined ? {} : { toMs: toMs as number }),
    ...(beforeId === undefined ? {} : { beforeId: beforeId as number }),
  };
  return { ok: true, query };
}
