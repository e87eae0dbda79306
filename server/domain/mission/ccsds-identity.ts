/**
 * Where a packet with only a CCSDS primary header finds its spacecraft and
 * onboard time (the mission database's `ccsdsPackets`), resolved per layout
 * to the fields that hold them: the decoder reads them from a decoded
 * packet, the encoder (simulator, tests) writes them.
 *
 * @example
 *   const identity = mdb.ccsdsIdentityOf(layout)!;
 *   satelliteIdOf(identity, raw);                                   // 42
 *   onboardTimeOf(identity, raw, values, { epochMs, arrivalMs });  // epoch ms
 */
import type { LayoutField, PacketLayout } from './packet-layout';
import type { CcsdsPacketsDefinition } from './schema';

export type CcsdsSpacecraft = { readonly kind: 'field'; readonly field: LayoutField } | { readonly kind: 'fixed'; readonly id: number };

export type CcsdsOnboardTime =
  | {
      readonly kind: 'fields';
      readonly seconds: LayoutField;
      readonly subseconds: LayoutField | undefined;
      /** Sub-second counts per second: 2^bits of the sub-second field (CUC fine time). */
      readonly subsecondsPerSecond: number;
    }
  | { readonly kind: 'arrival' };

export interface CcsdsIdentity {
  readonly spacecraft: CcsdsSpacecraft;
  readonly onboardTime: CcsdsOnboardTime;
}

/** Why a layout cannot carry the identity, or the identity resolved to its fields. */
export type CcsdsIdentityResult = { readonly ok: true; readonly identity: CcsdsIdentity } | { readonly ok: false; readonly path: string[]; readonly reason: string };

/** Resolves the mission's `ccsdsPackets` against one 'ccsds' layout. */
export function resolveCcsdsIdentity(definition: CcsdsPacketsDefinition, layout: PacketLayout): CcsdsIdentityResult {
  const fieldOf = (name: string) => layout.fields.find((f) => f.parameter.name === name && f.slot >= 0);
  const missing = (path: string[], name: string, what: string): CcsdsIdentityResult => ({
    ok: false,
    path,
    reason: `packet "${layout.name}" (APID ${layout.apid}) has no numeric field "${name}", which ccsdsPackets names as ${what}`,
  });
  let spacecraft: CcsdsSpacecraft;
  if (definition.spacecraft.source === 'fixed') spacecraft = { kind: 'fixed', id: definition.spacecraft.id };
  else {
    const name = definition.spacecraft.parameter;
    const field = fieldOf(name);
    if (!field) return missing(['spacecraft', 'parameter'], name, 'the spacecraft id');
    if (field.encoding.kind !== 'unsigned' || field.encoding.bits > 16) {
      return { ok: false, path: ['spacecraft', 'parameter'], reason: `spacecraft id field "${name}" must be an unsigned integer of at most 16 bits, not ${field.encoding.bits}-bit ${field.encoding.kind}` };
    }
    spacecraft = { kind: 'field', field };
  }
  if (definition.onboardTime.source === 'arrival') return { ok: true, identity: { spacecraft, onboardTime: { kind: 'arrival' } } };
  const { seconds: secondsName, subseconds: subsecondsName } = definition.onboardTime;
  const seconds = fieldOf(secondsName);
  if (!seconds) return missing(['onboardTime', 'seconds'], secondsName, 'the onboard time in seconds');
  let subseconds: LayoutField | undefined;
  if (subsecondsName !== undefined) {
    subseconds = fieldOf(subsecondsName);
    if (!subseconds) return missing(['onboardTime', 'subseconds'], subsecondsName, 'the sub-second onboard time');
    if (subseconds.encoding.kind !== 'unsigned' || subseconds.encoding.bits > 32) {
      return { ok: false, path: ['onboardTime', 'subseconds'], reason: `sub-second field "${subsecondsName}" must be an unsigned integer of at most 32 bits (a count of 2^-bits s)` };
    }
  }
  const subsecondsPerSecond = subseconds ? 2 ** subseconds.encoding.bits : 1;
  return { ok: true, identity: { spacecraft, onboardTime: { kind: 'fields', seconds, subseconds, subsecondsPerSecond } } };
}

/** The spacecraft id of a decoded packet. */
export function satelliteIdOf(identity: CcsdsIdentity, raw: readonly number[]): number {
  return identity.spacecraft.kind === 'fixed' ? identity.spacecraft.id : raw[identity.spacecraft.field.slot]!;
}

/**
 * The onboard time of a decoded packet, epoch ms at whole microseconds (the
 * archive's resolution); NaN when the time field holds no finite value.
 */
export function onboardTimeOf(identity: CcsdsIdentity, raw: readonly number[], values: readonly number[], { epochMs, arrivalMs }: { epochMs: number; arrivalMs: number }): number {
  const time = identity.onboardTime;
  if (time.kind === 'arrival') return arrivalMs;
  const seconds = values[time.seconds.slot]!;
  const fraction = time.subseconds ? raw[time.subseconds.slot]! / time.subsecondsPerSecond : 0;
  const micros = Math.round((seconds + fraction) * 1_000_000);
  return Number.isFinite(micros) ? epochMs + micros / 1000 : Number.NaN;
}

/** A value to write into an identity field: engineering (calibrated like any field) or a raw count (sub-seconds). */
export interface IdentityFieldValue {
  readonly field: LayoutField;
  readonly value: number;
  readonly isRaw: boolean;
}

/**
 * What the identity fields hold for a packet of `satelliteId` at
 * `onboardTimeMs` (seconds and sub-seconds split as CUC does).
 */
export function identityValues(identity: CcsdsIdentity, { satelliteId, onboardTimeMs, epochMs }: { satelliteId: number; onboardTimeMs: number; epochMs: number }): IdentityFieldValue[] {
  const values: IdentityFieldValue[] = [];
  if (identity.spacecraft.kind === 'field') values.push({ field: identity.spacecraft.field, value: satelliteId, isRaw: true });
  const time = identity.onboardTime;
  if (time.kind === 'fields') {
    const sinceEpochS = (onboardTimeMs - epochMs) / 1000;
    if (time.subseconds) {
      let whole = Math.floor(sinceEpochS);
      let fine = Math.round((sinceEpochS - whole) * time.subsecondsPerSecond);
      if (fine === time.subsecondsPerSecond) {
        whole += 1;
        fine = 0;
      }
      values.push({ field: time.seconds, value: whole, isRaw: false }, { field: time.subseconds, value: fine, isRaw: true });
    } else values.push({ field: time.seconds, value: sinceEpochS, isRaw: false });
  }
  return values;
}
