/**
 * Versioned contracts of every event Perigee publishes on its own topics.
 * Each message carries its schema as a header, `perigee-schema:
 * <name>@<version>`; a consumer decodes every version it has ever accepted
 * (upgrading older ones to the current shape) and refuses a version it does
 * not know with a clear reason, never guessing. Messages from before
 * contracts existed carry no header and are read as version 1.
 *
 * A change to an event's shape that old consumers cannot read is a new
 * version here, with an upgrade from the previous one; `perigee contracts
 * check` compares these schemas with the released ones (released.json) and
 * fails on an incompatible change made in place.
 *
 * @example
 *   producer.send(TOPICS.alerts, [{ key, value, headers: contractHeader('alert') }]);
 *   readEvent('alert', message); // → { ok: true, value: Alert } | { ok: false, reason: 'unknown-schema-version', detail }
 */
import type { z } from 'zod';
import { alertSchema } from '../domain/alert';
import { groundStationEventSchema } from '../domain/ground-station-event';
import { quarantineMessageSchema } from '../domain/quarantine-message';
import { sampleFrameSchema, sampleFramesSchema, type SampleFrame } from '../domain/sample-frame';
import { decodeSampleFrames } from '../domain/sample-frame-codec';
import { windowAggregateSchema, windowAggregatesSchema, type WindowAggregate } from '../domain/stream/window-aggregate';
import { decodeWindowAggregates } from '../domain/stream/window-aggregate-codec';
import { alarmChangeSchema } from '../domain/alarms/alarm-change';
import { TOPICS, type Topic } from '../topics';

/** Header naming a message's schema and version. */
export const SCHEMA_HEADER = 'perigee-schema';

export interface ContractVersion {
  readonly version: number;
  readonly schema: z.ZodType;
  /** Turns a message of this version into the current version's shape; absent on the current version. */
  readonly upgrade?: (value: never) => unknown;
  /**
   * Reads a binary version's bytes; JSON when absent. It throws on anything
   * the schema would refuse, so what it returns is not parsed again: the
   * schema still defines the version's shape for the compatibility gate.
   */
  readonly decode?: (bytes: Uint8Array) => unknown;
}

export interface EventContract {
  readonly topic: Topic;
  /** Every version ever published, oldest first; the last is what producers write. */
  readonly versions: readonly ContractVersion[];
}

export const EVENT_CONTRACTS = {
  /**
   * Version 1: one frame per message, JSON. Version 2: the frames of one
   * satellite from one processor batch in one binary message
   * (sample-frame-codec.ts), a third of the bytes and a tenth of the messages.
   */
  'sample-frame': {
    topic: TOPICS.samples,
    versions: [
      { version: 1, schema: sampleFrameSchema, upgrade: ((frame: SampleFrame) => [frame]) as (value: never) => unknown },
      { version: 2, schema: sampleFramesSchema, decode: decodeSampleFrames },
    ],
  },
  /** Version 1: one aggregate per JSON message. Version 2: a satellite's aggregates from one processor batch in one binary message (window-aggregate-codec.ts). */
  'window-aggregate': {
    topic: TOPICS.aggregates,
    versions: [
      { version: 1, schema: windowAggregateSchema, upgrade: ((aggregate: WindowAggregate) => [aggregate]) as (value: never) => unknown },
      { version: 2, schema: windowAggregatesSchema, decode: decodeWindowAggregates },
    ],
  },
  alert: { topic: TOPICS.alerts, versions: [{ version: 1, schema: alertSchema }] },
  /** Operators' alarm transitions (acknowledge, shelve, assign…), already stored and audited by the console that made them. */
  'alarm-transition': { topic: TOPICS.alerts, versions: [{ version: 1, schema: alarmChangeSchema }] },
  quarantine: { topic: TOPICS.quarantine, versions: [{ version: 1, schema: quarantineMessageSchema }] },
  'ground-station-event': { topic: TOPICS.groundStationEvents, versions: [{ version: 1, schema: groundStationEventSchema }] },
} as const satisfies Record<string, EventContract>;

export type ContractName = keyof typeof EVENT_CONTRACTS;

type CurrentOf<N extends ContractName> = (typeof EVENT_CONTRACTS)[N]['versions'] extends readonly [...unknown[], infer Last]
  ? Last extends { schema: z.ZodType<infer T> }
    ? T
    : never
  : never;

export function currentVersion(name: ContractName): number {
  const versions: readonly ContractVersion[] = EVENT_CONTRACTS[name].versions;
  return versions[versions.length - 1]!.version;
}

/** The header a producer puts on a message of this contract. */
export function contractHeader(name: ContractName): Record<string, string> {
  return { [SCHEMA_HEADER]: `${name}@${currentVersion(name)}` };
}

export type EventReadResult<T> =
  | { readonly ok: true; readonly value: T; readonly version: number }
  | { readonly ok: false; readonly reason: 'unknown-schema-version' | 'bad-message'; readonly detail: string };

/** Decodes a message of a contract by the version its header names; never guesses at an unknown one. */
export function readEvent<N extends ContractName>(name: N, message: { readonly headers: Readonly<Record<string, string>>; readonly value: Uint8Array }): EventReadResult<CurrentOf<N>> {
  return decodeEvent(EVENT_CONTRACTS[name], name, message) as EventReadResult<CurrentOf<N>>;
}

/**
 * Reads a message of telemetry.alerts, which carries two contracts told apart
 * by the schema header: operators' alarm transitions (alarm-transition) and
 * the stream's alerts (alert, also what a message without a header is).
 */
export function readAlertsTopicEvent(message: { readonly headers: Readonly<Record<string, string>>; readonly value: Uint8Array }):
  | { readonly ok: true; readonly contract: 'alarm-transition'; readonly value: CurrentOf<'alarm-transition'> }
  | { readonly ok: true; readonly contract: 'alert'; readonly value: CurrentOf<'alert'> }
  | Extract<EventReadResult<never>, { ok: false }> {
  if (message.headers[SCHEMA_HEADER]?.startsWith('alarm-transition@')) {
    const read = readEvent('alarm-transition', message);
    return read.ok ? { ok: true, contract: 'alarm-transition', value: read.value } : read;
  }
  const read = readEvent('alert', message);
  return read.ok ? { ok: true, contract: 'alert', value: read.value } : read;
}

/** readEvent for any contract: each version's schema, then the upgrades from it to the current version. */
export function decodeEvent(
  contract: EventContract,
  name: string,
  message: { readonly headers: Readonly<Record<string, string>>; readonly value: Uint8Array },
): EventReadResult<unknown> {
  const header = message.headers[SCHEMA_HEADER];
  let version = 1;
  if (header !== undefined) {
    const match = /^([a-z][a-z-]*)@(\d{1,6})$/.exec(header);
    if (!match) return { ok: false, reason: 'unknown-schema-version', detail: `schema header "${header.slice(0, 80)}" is not <name>@<version>` };
    if (match[1] !== name) return { ok: false, reason: 'unknown-schema-version', detail: `a ${match[1]} message on ${contract.topic}, which carries ${name}` };
    version = Number(match[2]);
  }
  const at = contract.versions.findIndex((v) => v.version === version);
  if (at < 0) {
    const known = contract.versions.map((v) => v.version).join(', ');
    return { ok: false, reason: 'unknown-schema-version', detail: `${name}@${version} is not a version this consumer knows (known: ${known})` };
  }
  const { decode, schema } = contract.versions[at]!;
  let value: unknown;
  if (decode) {
    try {
      value = decode(message.value);
    } catch (error) {
      return { ok: false, reason: 'bad-message', detail: `${name}@${version} unreadable: ${(error as Error).message}` };
    }
  } else {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(message.value).toString('utf8'));
    } catch (error) {
      return { ok: false, reason: 'bad-message', detail: `not JSON: ${(error as Error).message}` };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, reason: 'bad-message', detail: `${name}@${version} ${issue.path.join('.') || '(root)'}: ${issue.message}` };
    }
    value = parsed.data;
  }
  for (const step of contract.versions.slice(at, -1)) value = (step.upgrade as (v: unknown) => unknown)(value);
  return { ok: true, value, version };
}
