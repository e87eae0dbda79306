/**
 * POST /api/alarms/<id> bodies: what an operator asks of one alarm, checked
 * before anything reaches the archive, and turned into the state machine's
 * input with the signed-in user as actor. The permission each action needs is
 * named here too, so the route checks the right one.
 *
 * @example
 *   parseAlarmAction({ action: 'acknowledge', version: 3, comment: 'heater 3 cycling' });
 *   // → { ok: true, action: { type: 'acknowledge', version: 3, ... }, permission: 'alarm.acknowledge' }
 */
import { z } from 'zod';
import type { Actor } from '../domain/alarms/alarm-input';
import type { AlarmInput } from '../domain/alarms/alarm-input';
import type { Action } from '../auth/role';

/** Comments are capped at 500 characters by the domain; this bound only stops absurd payloads early. */
const MAX_COMMENT_CHARS = 2000;
/** The domain caps a shelve at 12 h; this only refuses nonsense (negative, years). */
const MAX_SHELVE_MS = 7 * 24 * 3600_000;

const comment = z.string().max(MAX_COMMENT_CHARS);
const version = z.number().int().min(1);

export const alarmActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge'), version, comment }).strict(),
  z
    .object({
      action: z.literal('shelve'),
      version,
      comment,
      durationMs: z.number().int().min(1).max(MAX_SHELVE_MS).optional(),
      untilMs: z.number().int().min(0).optional(),
    })
    .strict()
    .refine((b) => (b.durationMs === undefined) !== (b.untilMs === undefined), 'a shelve takes either durationMs or untilMs'),
  z.object({ action: z.literal('unshelve'), version, comment: comment.optional() }).strict(),
  z.object({ action: z.literal('assign'), version, assignee: z.string().max(64).nullable(), comment: comment.optional() }).strict(),
]);
export type AlarmActionBody = z.infer<typeof alarmActionSchema>;

const PERMISSION: Readonly<Record<AlarmActionBody['action'], Action>> = {
  acknowledge: 'alarm.acknowledge',
  shelve: 'alarm.shelve',
  unshelve: 'alarm.shelve',
  assign: 'alarm.assign',
};

export type ParsedAlarmAction =
  | { readonly ok: true; readonly body: AlarmActionBody; readonly permission: Action }
  | { readonly ok: false; readonly error: string };

export function parseAlarmAction(value: unknown): ParsedAlarmAction {
  const parsed = alarmActionSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return {
      ok: false,
      error:
        `invalid alarm action: ${where}${issue?.message ?? 'unknown problem'}; expected { action: 'acknowledge', version, comment } | ` +
        `{ action: 'shelve', version, comment, durationMs | untilMs } | { action: 'unshelve', version } | { action: 'assign', version, assignee }`,
    };
  }
  return { ok: true, body: parsed.data, permission: PERMISSION[parsed.data.action] };
}

/** The state machine's input for a parsed body, acted by `actor`. */
export function toAlarmInput(body: AlarmActionBody, actor: Actor): AlarmInput {
  switch (body.action) {
    case 'acknowledge':
      return { type: 'acknowledge', actor, comment: body.comment };
    case 'shelve':
      return body.durationMs !== undefined
        ? { type: 'shelve', actor, comment: body.comment, durationMs: body.durationMs }
        : { type: 'shelve', actor, comment: body.comment, untilMs: body.untilMs! };
    case 'unshelve':
      return { type: 'unshelve', actor, ...(body.comment === undefined ? {} : { comment: body.comment }) };
    case 'assign':
      return { type: 'assign', actor, assignee: body.assignee, ...(body.comment === undefined ? {} : { comment: body.comment }) };
  }
}

/** A route's alarm id: a positive integer, nothing else. */
export function parseAlarmId(raw: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : undefined;
}
