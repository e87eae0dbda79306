/**
 * What can happen to an alarm: the condition is raised or cleared (from the
 * stream), a user acts on it, or the clock lets a shelve run out. Inputs carry
 * no time of their own for user actions: the state machine is handed `nowMs`,
 * so a test drives the clock. Raise and clear carry the event time of the
 * occurrence, which is when the condition happened on board, not when it was
 * processed.
 */
import type { AlarmSeverity } from './alarm';

/** Who acts. Roles follow the console's (viewer, operator, admin); `system` is the stream and the clock. */
export const ACTOR_ROLES = ['system', 'viewer', 'operator', 'admin'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export interface Actor {
  /** A user name, or "system". */
  readonly id: string;
  readonly role: ActorRole;
}

/** The actor of inputs that come from the telemetry stream and the clock. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', role: 'system' });

export interface RaiseInput {
  readonly type: 'raise';
  readonly severity: AlarmSeverity;
  /** Event time of the occurrence, ms. */
  readonly eventTimeMs: number;
  readonly value?: number;
}

export interface ClearInput {
  readonly type: 'clear';
  /** Event time the value returned to normal, ms. */
  readonly eventTimeMs: number;
  readonly value?: number;
}

export interface AcknowledgeInput {
  readonly type: 'acknowledge';
  readonly actor: Actor;
  /** Required: what the operator saw or did. */
  readonly comment: string;
}

/** A shelve for a time (e.g. 15 min, 1 h) or until a given time (e.g. the end of the pass). */
export type ShelveInput = {
  readonly type: 'shelve';
  readonly actor: Actor;
  /** Required: why the alarm may be ignored for a while. */
  readonly comment: string;
} & ({ readonly durationMs: number; readonly untilMs?: never } | { readonly untilMs: number; readonly durationMs?: never });

export interface UnshelveInput {
  readonly type: 'unshelve';
  readonly actor: Actor;
  readonly comment?: string;
}

/** The clock: a shelve whose time is up ends. */
export interface ExpireShelveInput {
  readonly type: 'expire-shelve';
}

export interface SuppressInput {
  readonly type: 'suppress';
  readonly actor: Actor;
  /** Required: the design reason (e.g. "heater test campaign, node expected hot"). */
  readonly comment: string;
}

export interface UnsuppressInput {
  readonly type: 'unsuppress';
  readonly actor: Actor;
  readonly comment?: string;
}

export interface AssignInput {
  readonly type: 'assign';
  readonly actor: Actor;
  /** The operator who takes the alarm on, or null to leave it unassigned. */
  readonly assignee: string | null;
  readonly comment?: string;
}

export type AlarmInput =
  | RaiseInput
  | ClearInput
  | AcknowledgeInput
  | ShelveInput
  | UnshelveInput
  | ExpireShelveInput
  | SuppressInput
  | UnsuppressInput
  | AssignInput;

export type AlarmInputType = AlarmInput['type'];
