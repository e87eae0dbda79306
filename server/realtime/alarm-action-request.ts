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
import type { FleetStatus } from './fleet-status';

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
      /** Until the loss of signal of the satellite's ground-station pass under way (the route looks it up). */
      untilEndOfPass: z.literal(true).optional(),
    })
    .strict()
    .refine(
      (b) => [b.durationMs, b.untilMs, b.untilEndOfPass].filter((v) => v !== undefined).length === 1,
      'a shelve takes exactly one of durationMs, untilMs or untilEndOfPass',
    ),
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
        `{ action: 'shelve', version, comment, durationMs | untilMs | untilEndOfPass: true } | { action: 'unshelve', version } | { action: 'assign', version, assignee }`,
    };
  }
  return { ok: true, body: parsed.data, permission: PERMISSION[parsed.data.action] };
}

/**
 * The state machine's input for a parsed body, acted by `actor`. A shelve
 * until the end of the pass needs that end (`endOfPassMs`, from
 * endOfCurrentPass); without it the call is a caller's bug (RangeError).
 */
export function toAlarmInput(body: AlarmActionBody, actor: Actor, endOfPassMs?: number): AlarmInput {
  switch (body.action) {
    case 'acknowledge':
      return { type: 'acknowledge', actor, comment: body.comment };
    case 'shelve':
      if (body.untilEndOfPass) {
        if (endOfPassMs === undefined) throw new RangeError('a shelve until the end of the pass needs the end of the pass');
        return { type: 'shelve', actor, comment: body.comment, untilMs: endOfPassMs };
      }
      return body.durationMs !== undefined
        ? { type: 'shelve', actor, comment: body.comment, durationMs: body.durationMs }
        : { type: 'shelve', actor, comment: body.comment, untilMs: body.untilMs! };
    case 'unshelve':
      return { type: 'unshelve', actor, ...(body.comment === undefined ? {} : { comment: body.comment }) };
    case 'assign':
      return { type: 'assign', actor, assignee: body.assignee, ...(body.comment === undefined ? {} : { comment: body.comment }) };
  }
}

export type EndOfPass =
  | { readonly ok: true; readonly untilMs: number; readonly station: string }
  | { readonly ok: false; readonly error: string };

/**
 * When the satellite's ground-station pass under way ends (its loss of
 * signal), from the fleet status board's predictions; an error naming the
 * next pass when none is under way, since "until end of pass" then means nothing.
 */
export function endOfCurrentPass(
  statuses: readonly Pick<FleetStatus, 'id' | 'currentPass' | 'nextPass'>[],
  satelliteId: number,
  nowMs: number,
): EndOfPass {
  const status = statuses.find((s) => s.id === satelliteId);
  if (!status) return { ok: false, error: `satellite ${satelliteId} has no pass predictions on this node` };
  const pass = status.currentPass;
  if (!pass || pass.losMs <= nowMs) {
    const next = status.nextPass ? `; the next pass starts ${new Date(status.nextPass.aosMs).toISOString()} over ${status.nextPass.stationName}` : '';
    return { ok: false, error: `satellite ${satelliteId} has no ground-station pass under way${next}: shelve for a duration instead` };
  }
  return { ok: true, untilMs: pass.losMs, station: pass.stationName };
}

/** A route's alarm id: a positive integer, nothing else. */
export function parseAlarmId(raw: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : undefined;
}
