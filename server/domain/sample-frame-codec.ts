/**
 * The binary wire form of sample frames on telemetry.samples
 * (`sample-frame@2`): the frames of one satellite from one processor batch
 * in a single message. Against one JSON message per frame (version 1) it
 * is about a third of the bytes and a tenth of the messages, which is most
 * of what a Kafka client spends per sample.
 *
 * Layout, little-endian:
 *
 *   magic "PSF2"; u32 frame count; u16 string count, then per string u16
 *   byte length + UTF-8 (subsystems, topics, stations, modes and
 *   calibration versions, each once per message); then per frame:
 *     u16 satellite id, u16 APID, u16 sequence count, u16 flags (FLAG below),
 *     f64 onboard time ms, f64 arrival ms, u16 subsystem (string index),
 *     [f64 received onboard time ms], [source: u16 topic, u32 partition,
 *     u8 length + ASCII offset], [u16 ground station],
 *     [context: [u16 mode], [4 × f64 lat, lon, alt, TLE epoch], u16 calibration version],
 *     u16 parameter count n, ids (u32 first when consecutive, else n × u32),
 *     null bitmap (⌈n/8⌉ bytes, bit set = null), n × f64 values (0 under a null),
 *     [raw values: n × i32 when all are 32-bit integers, else n × f64].
 *
 * decodeSampleFrames checks every length, index and range it reads, and
 * every rule of the frame schema (sampleFrameSchema), and throws
 * SampleFrameCodecError naming the first problem: what it returns is what
 * the schema accepts, without the schema's cost (ten times the decoding's).
 *
 * @example
 *   const bytes = encodeSampleFrames(frames);
 *   decodeSampleFrames(bytes); // deep-equals frames
 */
import { checkUnsigned, LittleEndianReader, LittleEndianWriter } from './codec/little-endian';
import type { SampleFrame } from './sample-frame';

const MAGIC = 0x32465350; // "PSF2" read as a little-endian u32

/** Most frames one message carries; a processor batch of one satellite is split beyond it. */
export const MAX_FRAMES_PER_MESSAGE = 256;

const FLAG = {
  rawValues: 1 << 0,
  receivedOnboardTime: 1 << 1,
  source: 1 << 2,
  groundStation: 1 << 3,
  context: 1 << 4,
  mode: 1 << 5,
  orbit: 1 << 6,
  playbackSet: 1 << 7,
  playback: 1 << 8,
  consecutiveIds: 1 << 9,
  integerRaw: 1 << 10,
} as const;
const KNOWN_FLAGS = (1 << 11) - 1;

export class SampleFrameCodecError extends Error {
  override name = 'SampleFrameCodecError';
}

const isInt32 = (v: number) => Number.isInteger(v) && v >= -0x8000_0000 && v <= 0x7fff_ffff;
const ENCODING = 'sample-frame@2';
const fitsU16 = (v: number, what: string) => checkUnsigned(v, 0xffff, what, ENCODING);

/** The frames in one message of sample-frame@2; throws RangeError on a frame the encoding cannot carry. */
export function encodeSampleFrames(frames: readonly SampleFrame[]): Buffer {
  if (frames.length === 0) throw new RangeError('a sample-frame@2 message carries at least one frame');
  const strings = new Map<string, number>();
  const index = (s: string) => {
    let i = strings.get(s);
    if (i === undefined) {
      i = strings.size;
      if (i > 0xffff) throw new RangeError('more than 65,536 distinct strings in one message');
      strings.set(s, i);
    }
    return i;
  };
  const body = new LittleEndianWriter(512 * frames.length);
  for (const f of frames) {
    const n = f.parameterIds.length;
    if (f.values.length !== n || (f.rawValues && f.rawValues.length !== n)) throw new RangeError('parameterIds, values and rawValues differ in length');
    let consecutive = true;
    for (let i = 0; i < n; i++) {
      const id = f.parameterIds[i]!;
      checkUnsigned(id, 0xffff_ffff, 'parameter id', ENCODING);
      if (i > 0 && id !== f.parameterIds[i - 1]! + 1) consecutive = false;
    }
    const integerRaw = f.rawValues !== undefined && f.rawValues.every(isInt32);
    const flags =
      (f.rawValues ? FLAG.rawValues : 0) |
      (f.receivedOnboardTimeMs === undefined ? 0 : FLAG.receivedOnboardTime) |
      (f.source ? FLAG.source : 0) |
      (f.groundStation === undefined ? 0 : FLAG.groundStation) |
      (f.context ? FLAG.context : 0) |
      (f.context?.mode == null ? 0 : FLAG.mode) |
      (f.context?.orbit == null ? 0 : FLAG.orbit) |
      (f.playback === undefined ? 0 : FLAG.playbackSet) |
      (f.playback ? FLAG.playback : 0) |
      (consecutive && n > 0 ? FLAG.consecutiveIds : 0) |
      (integerRaw ? FLAG.integerRaw : 0);
    body.u16(fitsU16(f.satelliteId, 'satellite id'));
    body.u16(fitsU16(f.apid, 'APID'));
    body.u16(fitsU16(f.sequenceCount, 'sequence count'));
    body.u16(flags);
    body.f64(f.onboardTimeMs);
    body.f64(f.arrivalMs);
    body.u16(index(f.subsystem));
    if (f.receivedOnboardTimeMs !== undefined) body.f64(f.receivedOnboardTimeMs);
    if (f.source) {
      const offset = Buffer.from(f.source.offset, 'latin1');
      if (offset.length > 255) throw new RangeError('a source offset longer than 255 digits');
      body.u16(index(f.source.topic));
      body.u32(f.source.partition);
      body.u8(offset.length);
      body.raw(offset);
    }
    if (f.groundStation !== undefined) body.u16(index(f.groundStation));
    if (f.context) {
      if (f.context.mode != null) body.u16(index(f.context.mode));
      const orbit = f.context.orbit;
      if (orbit != null) {
        body.f64(orbit.latDeg);
        body.f64(orbit.lonDeg);
        body.f64(orbit.altKm);
        body.f64(orbit.tleEpochMs);
      }
      body.u16(index(f.context.calibrationVersion));
    }
    body.u16(fitsU16(n, 'parameter count'));
    if (consecutive && n > 0) body.u32(f.parameterIds[0]!);
    else for (const id of f.parameterIds) body.u32(id);
    const bitmapBytes = (n + 7) >> 3;
    body.ensure(bitmapBytes + n * 8);
    const bitmapAt = body.at;
    body.buf.fill(0, bitmapAt, bitmapAt + bitmapBytes);
    body.at += bitmapBytes;
    for (let i = 0; i < n; i++) {
      const v = f.values[i];
      if (v === null || v === undefined) {
        body.buf[bitmapAt + (i >> 3)]! |= 1 << (i & 7);
        body.at = body.buf.writeDoubleLE(0, body.at);
      } else body.at = body.buf.writeDoubleLE(v, body.at);
    }
    if (f.rawValues) {
      if (integerRaw) for (const r of f.rawValues) body.i32(r);
      else for (const r of f.rawValues) body.f64(r);
    }
  }
  const head = new LittleEndianWriter(10 + [...strings.keys()].reduce((sum, s) => sum + 2 + s.length * 3, 0));
  head.u32(MAGIC);
  head.u32(frames.length);
  head.u16(strings.size);
  for (const s of strings.keys()) {
    const bytes = Buffer.from(s, 'utf8');
    head.u16(fitsU16(bytes.length, 'string length'));
    head.raw(bytes);
  }
  return Buffer.concat([head.bytes(), body.bytes()]);
}

/** The frames of a sample-frame@2 message; throws SampleFrameCodecError naming what is wrong. */
export function decodeSampleFrames(bytes: Uint8Array): SampleFrame[] {
  const r = new LittleEndianReader(bytes, (message) => new SampleFrameCodecError(message));
  if (bytes.length < 4 || r.u32('magic') !== MAGIC) throw new SampleFrameCodecError('not a sample-frame@2 message (no PSF2 magic)');
  const count = r.u32('frame count');
  if (count === 0) throw new SampleFrameCodecError('a message without frames');
  // Every frame takes at least 28 bytes: a count beyond what the bytes can hold is corrupt, not a reason to allocate.
  if (count > bytes.length / 28) throw new SampleFrameCodecError(`${count} frames cannot fit in ${bytes.length} bytes`);
  const strings: string[] = [];
  const stringCount = r.u16('string count');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < stringCount; i++) {
    const length = r.u16('string length');
    r.need(length, 'string');
    try {
      strings.push(decoder.decode(bytes.subarray(r.at, r.at + length)));
    } catch {
      throw new SampleFrameCodecError(`string ${i} is not UTF-8`);
    }
    r.at += length;
  }
  const str = (what: string) => {
    const i = r.u16(what);
    if (i >= strings.length) throw new SampleFrameCodecError(`${what} names string ${i} of ${strings.length}`);
    return strings[i]!;
  };
  const frames: SampleFrame[] = [];
  for (let k = 0; k < count; k++) {
    const satelliteId = r.u16('satellite id');
    const apid = r.u16('APID');
    const sequenceCount = r.u16('sequence count');
    const flags = r.u16('flags');
    if ((flags & ~KNOWN_FLAGS) !== 0) throw new SampleFrameCodecError(`frame ${k}: unknown flags 0x${flags.toString(16)}`);
    const onboardTimeMs = r.finiteF64('frame', k, 'onboard time');
    const arrivalMs = r.finiteF64('frame', k, 'arrival time');
    if (apid > 0x7ff) throw new SampleFrameCodecError(`frame ${k}: APID ${apid} beyond 11 bits`);
    if (sequenceCount > 0x3fff) throw new SampleFrameCodecError(`frame ${k}: sequence count ${sequenceCount} beyond 14 bits`);
    const subsystem = str('subsystem');
    if (subsystem === '') throw new SampleFrameCodecError(`frame ${k}: empty subsystem`);
    const frame: { -readonly [K in keyof SampleFrame]: SampleFrame[K] } = { satelliteId, subsystem, apid, sequenceCount, onboardTimeMs, arrivalMs, parameterIds: [], values: [] };
    if (flags & FLAG.receivedOnboardTime) frame.receivedOnboardTimeMs = r.finiteF64('frame', k, 'received onboard time');
    if (flags & FLAG.source) {
      const topic = str('source topic');
      const partition = r.u32('source partition');
      const length = r.u8('source offset length');
      r.need(length, 'source offset');
      let offset = '';
      for (let i = 0; i < length; i++) {
        const c = bytes[r.at + i]!;
        if (c < 0x30 || c > 0x39) throw new SampleFrameCodecError(`frame ${k}: source offset is not decimal digits`);
        offset += String.fromCharCode(c);
      }
      if (length === 0) throw new SampleFrameCodecError(`frame ${k}: empty source offset`);
      r.at += length;
      frame.source = { topic, partition, offset };
    }
    if (flags & FLAG.groundStation) frame.groundStation = str('ground station');
    if (flags & FLAG.context) {
      const mode = flags & FLAG.mode ? str('mode') : null;
      const orbit =
        flags & FLAG.orbit
          ? {
              latDeg: r.finiteF64('frame', k, 'latitude'),
              lonDeg: r.finiteF64('frame', k, 'longitude'),
              altKm: r.finiteF64('frame', k, 'altitude'),
              tleEpochMs: r.finiteF64('frame', k, 'TLE epoch'),
            }
          : null;
      frame.context = { mode, orbit, calibrationVersion: str('calibration version') };
    } else if (flags & (FLAG.mode | FLAG.orbit)) throw new SampleFrameCodecError(`frame ${k}: mode or orbit flagged without a context`);
    if (flags & FLAG.playbackSet) frame.playback = (flags & FLAG.playback) !== 0;
    const n = r.u16('parameter count');
    const bitmapBytes = (n + 7) >> 3;
    const consecutive = (flags & FLAG.consecutiveIds) !== 0;
    const rawWidth = flags & FLAG.rawValues ? (flags & FLAG.integerRaw ? 4 : 8) : 0;
    r.need((consecutive ? 4 : 4 * n) + bitmapBytes + 8 * n + rawWidth * n, `frame ${k}'s ${n} parameters`);
    const ids = new Array<number>(n);
    if (consecutive) {
      const first = r.u32('first parameter id');
      for (let i = 0; i < n; i++) ids[i] = first + i;
    } else for (let i = 0; i < n; i++) ids[i] = r.u32('parameter id');
    const bitmapAt = r.at;
    r.at += bitmapBytes;
    const values = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      const v = r.view.getFloat64(r.at, true);
      r.at += 8;
      values[i] = bytes[bitmapAt + (i >> 3)]! & (1 << (i & 7)) ? null : r.finite(v, 'frame', k, 'value', i);
    }
    frame.parameterIds = ids;
    frame.values = values;
    if (rawWidth > 0) {
      const raw = new Array<number>(n);
      for (let i = 0; i < n; i++) {
        raw[i] = rawWidth === 4 ? r.view.getInt32(r.at, true) : r.finite(r.view.getFloat64(r.at, true), 'frame', k, 'raw value', i);
        r.at += rawWidth;
      }
      frame.rawValues = raw;
    }
    frames.push(frame);
  }
  r.end('frame');
  return frames;
}
