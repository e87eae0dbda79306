/**
 * A time in a query string: ISO-8601 with a zone (as the console's URLs
 * carry it, e.g. ?from=2026-01-01T06:00:00Z) or epoch milliseconds (as the
 * history route takes it).
 *
 * @example
 *   parseTimeParam('2026-01-01T06:00:00Z'); // 1767247200000
 *   parseTimeParam('1767247200000');        // 1767247200000
 *   parseTimeParam('yesterday');            // undefined
 */
import { z } from 'zod';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseTimeParam(text: string): number | undefined {
  const ms = /^\d{1,15}$/.test(text) ? Number(text) : ISO_8601.test(text) ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** A zod string → epoch ms, failing with `message`. */
export const timeParam = (message: string) =>
  z.string({ error: message }).transform((text, ctx) => {
    const ms = parseTimeParam(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return ms;
  });
