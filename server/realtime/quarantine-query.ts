/**
 * GET /api/ops/quarantine query parameters: `limit`, the number of newest
 * quarantined messages to return (1..100, default 20). Each refusal names
 * the parameter and what was wrong.
 *
 * @example
 *   parseQuarantineQuery(new URLSearchParams('limit=5')); // → { ok: true, query: { limit: 5, payloadBytes: 256 } }
 */
import type { QuarantineQuery } from '../ports/telemetry-store';

export const DEFAULT_QUARANTINE_LIMIT = 20;
export const MAX_QUARANTINE_LIMIT = 100;
/** Enough for any telemetry packet's header and most of its body; a 64 KiB event line is cut here. */
export const QUARANTINE_PAYLOAD_BYTES = 256;

export type ParsedQuarantineQuery = { readonly ok: true; readonly query: QuarantineQuery } | { readonly ok: false; readonly error: string };

export function parseQuarantineQuery(search: URLSearchParams): ParsedQuarantineQuery {
  for (const key of search.keys()) {
    if (key !== 'limit') return { ok: false, error: `unknown parameter "${key.slice(0, 40)}": use limit` };
  }
  const limitParam = search.get('limit');
  let limit = DEFAULT_QUARANTINE_LIMIT;
  if (limitParam !== null) {
    if (!/^\d{1,3}$/.test(limitParam) || Number(limitParam) < 1 || Number(limitParam) > MAX_QUARANTINE_LIMIT) {
      return { ok: false, error: `limit must be a whole number 1..${MAX_QUARANTINE_LIMIT}, got "${limitParam.slice(0, 40)}"` };
    }
    limit = Number(limitParam);
  }
  return { ok: true, query: { limit, payloadBytes: QUARANTINE_PAYLOAD_BYTES } };
}
