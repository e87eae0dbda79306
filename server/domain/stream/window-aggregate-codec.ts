/**
 * The binary wire form of window aggregates on telemetry.aggregates
 * (`window-aggregate@2`): the aggregates of one satellite that one processor
 * batch closed or re-emitted, in one message. A 1-second tier emits one
 * aggregate per parameter and second, about twelve per packet; as JSON
 * messages of ~250 bytes each they were most of what the processor put on
 * Kafka. Here each is 59 bytes, and a batch's are one message.
 *
 * Layout, little-endian: magic "PWA2", u16 satellite id, u32 count, then
 * per aggregate: u16 parameter id, u8 flags (1 = late, 2 = mode merge),
 * f64 window start ms, u32 window ms, f64 min, f64 max, f64 sum, u32 count,
 * f64 last, f64 last time ms.
 *
 * decodeWindowAggregates checks every rule of windowAggregateSchema as it
 * reads, so what it returns is what the schema accepts, at a tenth of the
 * schema's cost.
 *
 * @example
 *   const bytes = encodeWindowAggregates(aggregatesOfSatellite101);
 *   decodeWindowAggregates(bytes); // deep-equals them
 */
import { checkUnsigned, LittleEndianReader, LittleEndianWriter } from '../codec/little-endian';
import type { WindowAggregate } from './window-aggregate';

const MAGIC = 0x32415750; // "PWA2" read as a little-endian u32
const AGGREGATE_BYTES = 59;
const FLAG = { late: 1, merge: 2 } as const;

/** Most aggregates one message carries; a batch's aggregates of one satellite are split beyond it. */
export const MAX_AGGREGATES_PER_MESSAGE = 4096;

export class WindowAggregateCodecError extends Error {
  override name = 'WindowAggregateCodecError';
}

const checked = (v: number, max: number, what: string) => checkUnsigned(v, max, what, 'window-aggregate@2');

/** One satellite's aggregates in one message of window-aggregate@2; throws RangeError on what the encoding cannot carry. */
export function encodeWindowAggregates(aggregates: readonly WindowAggregate[]): Buffer {
  if (aggregates.length === 0) throw new RangeError('a window-aggregate@2 message carries at least one aggregate');
  const satelliteId = aggregates[0]!.satelliteId;
  const w = new LittleEndianWriter(10 + AGGREGATE_BYTES * aggregates.length);
  w.u32(MAGIC);
  w.u16(checked(satelliteId, 0xffff, 'satellite id'));
  w.u32(aggregates.length);
  for (const a of aggregates) {
    if (a.satelliteId !== satelliteId) throw new RangeError(`one message carries one satellite's aggregates: ${a.satelliteId} among ${satelliteId}'s`);
    w.u16(checked(a.parameterId, 0xffff, 'parameter id'));
    w.u8((a.late ? FLAG.late : 0) | (a.mode === 'merge' ? FLAG.merge : 0));
    w.f64(a.windowStartMs);
    w.u32(checked(a.windowMs, 0xffff_ffff, 'window length'));
    w.f64(a.min);
    w.f64(a.max);
    w.f64(a.sum);
    w.u32(checked(a.count, 0xffff_ffff, 'count'));
    w.f64(a.last);
    w.f64(a.lastTimeMs);
  }
  return w.bytes();
}

/** The aggregates of a window-aggregate@2 message; throws WindowAggregateCodecError naming what is wrong. */
export function decodeWindowAggregates(bytes: Uint8Array): WindowAggregate[] {
  const r = new LittleEndianReader(bytes, (message) => new WindowAggregateCodecError(message));
  if (bytes.length < 4 || r.u32('magic') !== MAGIC) throw new WindowAggregateCodecError('not a window-aggregate@2 message (no PWA2 magic)');
  const satelliteId = r.u16('satellite id');
  const count = r.u32('count');
  if (count === 0) throw new WindowAggregateCodecError('a message without aggregates');
  if (count * AGGREGATE_BYTES !== bytes.length - r.at) {
    throw new WindowAggregateCodecError(`${count} aggregates take ${count * AGGREGATE_BYTES} bytes, the message has ${bytes.length - r.at} after its header`);
  }
  const aggregates: WindowAggregate[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const parameterId = r.u16('parameter id');
    const flags = r.u8('flags');
    if ((flags & ~(FLAG.late | FLAG.merge)) !== 0) throw new WindowAggregateCodecError(`aggregate ${i}: unknown flags 0x${flags.toString(16)}`);
    if (parameterId < 1 || parameterId > 32767) throw new WindowAggregateCodecError(`aggregate ${i}: parameter id ${parameterId} outside 1..32767`);
    const windowStartMs = r.finiteF64('aggregate', i, 'window start');
    const windowMs = r.u32('window length');
    const min = r.finiteF64('aggregate', i, 'min');
    const max = r.finiteF64('aggregate', i, 'max');
    const sum = r.finiteF64('aggregate', i, 'sum');
    const count = r.u32('count');
    if (windowMs === 0 || count === 0) throw new WindowAggregateCodecError(`aggregate ${i}: ${windowMs === 0 ? 'window length' : 'count'} is 0`);
    if (min > max) throw new WindowAggregateCodecError(`aggregate ${i}: min exceeds max`);
    aggregates[i] = {
      satelliteId,
      parameterId,
      windowStartMs,
      windowMs,
      min,
      max,
      sum,
      count,
      last: r.finiteF64('aggregate', i, 'last'),
      lastTimeMs: r.finiteF64('aggregate', i, 'last time'),
      late: (flags & FLAG.late) !== 0,
      mode: flags & FLAG.merge ? 'merge' : 'replace',
    };
  }
  r.end('aggregate');
  return aggregates;
}
