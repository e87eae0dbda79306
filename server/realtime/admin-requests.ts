/**
 * Bodies of the admin routes, checked before anything reaches the store:
 * strict (an unknown field is refused, not ignored) and bounded, with a
 * reason naming the first problem.
 *
 * @example
 *   parseAdminBody(newUserSchema, { username: 'bob', role: 'operator', password: 'correct horse battery' });
 *   // → { ok: true, value: { username: 'bob', role: 'operator', password: '…' } }
 *   parseAdminBody(userChangeSchema, { role: 'root' });
 *   // → { ok: false, error: 'role: Invalid option: expected one of "viewer"|"operator"|"admin"' }
 */
import { z } from 'zod';
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from '../auth/credentials';
import { ROLES } from '../auth/role';

/** Admin bodies are a few fields; anything bigger is refused before it is parsed, bytes. */
export const MAX_ADMIN_BODY_BYTES = 4096;

export const newUserSchema = z
  .object({
    username: z.string().min(1).max(64),
    role: z.enum(ROLES),
    // The policy itself (credentials.ts) is checked again by the service; these bounds only give the form its message.
    password: z.string().min(PASSWORD_MIN_CHARS, `must be at least ${PASSWORD_MIN_CHARS} characters`).max(PASSWORD_MAX_CHARS),
  })
  .strict();

export const userChangeSchema = z.union([
  z.object({ role: z.enum(ROLES) }).strict(),
  z.object({ disabled: z.boolean() }).strict(),
]);

export const thresholdChangeSchema = z.object({ value: z.number().finite() }).strict();

export type ParsedBody<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function parseAdminBody<T>(schema: z.ZodType<T>, body: unknown): ParsedBody<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `${where}${issue?.message ?? 'invalid body'}` };
}

/** A username in a route path: what the users table accepts, nothing else. */
export function parseUsernameParam(raw: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(raw).toLowerCase();
  } catch {
    return undefined;
  }
  return /^[a-z0-9][a-z0-9._-]{2,31}$/.test(name) ? name : undefined;
}

/** A rule id in a route path. */
export function parseRuleIdParam(raw: string): string | undefined {
  return /^[a-z][a-z0-9-]{0,63}$/.test(raw) ? raw : undefined;
}
