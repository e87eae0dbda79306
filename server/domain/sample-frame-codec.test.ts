import { describe, expect, it } from 'vitest';
import { demoFleet } from './mission/fleet';
import { defaultMissionDatabase } from './mission/default-mission-database';
import { sampleFramesSchema, type SampleFrame } from './sample-frame';
import { decodeSampleFrames, encodeSampleFrames, SampleFrameCodecError } from './sample-frame-codec';
import { TelemetryPipeline } from './stream/telemetry-pipeline';
import { FleetSimulator } from '../sim/fleet-simulator';
import { Prng } from '../sim/prng';

const mdb = defaultMissionDatabase();

/** What the processor accepts from 5 s of a 3-satellite fleet, as it publishes it. */
function pipelineFrames(): SampleFrame[] {
  const fleet = demoFleet(3);
  const start = Date.UTC(2026, 10, 1, 12);
  const sim = new FleetSimulator({ mdb, fleet, seed: 7, startTimeMs: start });
  const packets = sim.advance(start + 5000).packets;
  const pipeline = new TelemetryPipeline({ mdb, fleet });
  return pipeline.processBatch(
    packets.map((p, i) => ({ bytes: p.bytes, topic: mdb.latestLayout(p.apid)!.topic!, partition: i % 4, offset: String(1000 + i), arrivalMs: p.transmitTimeMs + 40, groundStation: p.groundStation })),
  ).frames;
}

const BARE: SampleFrame = { satelliteId: 7, subsystem: 'power', apid: 272, sequenceCount: 16383, onboardTimeMs: 1_790_000_000_000.5, arrivalMs: 1_790_000_000_040, parameterIds: [], values: [] };

describe('sample-frame@2 codec', () => {
  it('carries every frame the pipeline produces exactly, in a third of the JSON bytes', () => {
    const frames = pipelineFrames();
    expect(new Set(frames.map((f) => f.subsystem))).toEqual(new Set(['attitude', 'thermal', 'power']));
    const bytes = encodeSampleFrames(frames);
    const decoded = decodeSampleFrames(bytes);
    expect(decoded).toEqual(frames);
    expect(sampleFramesSchema.parse(decoded)).toEqual(frames);
    const json = frames.reduce((n, f) => n + Buffer.byteLength(JSON.stringify(f)), 0);
    expect(bytes.length).toBeLessThan(json / 2.5);
  });

  it('keeps nulls, fractional and 64-bit raw values, scattered ids, repaired times and every optional field', () => {
    const frames: SampleFrame[] = [
      BARE,
      {
        ...BARE,
        satelliteId: 65535,
        apid: 0x7ff,
        sequenceCount: 0,
        parameterIds: [4, 9, 2, 70_000],
        values: [null, -0.125, 1e300, null],
        rawValues: [1.5, -3, 2 ** 40, 0],
        receivedOnboardTimeMs: 1_700_000_000_000,
        source: { topic: 'telemetry.raw.thermal', partition: 11, offset: '9223372036854775807' },
        groundStation: 'Kiruna — ESRANGE',
        context: { mode: 'SAFE', orbit: { latDeg: -12.5, lonDeg: 179.9, altKm: 512.25, tleEpochMs: 1_789_000_000_000 }, calibrationVersion: '2.0.0-β' },
        playback: true,
      },
      { ...BARE, parameterIds: [10, 11, 12], values: [1, 2, 3], rawValues: [-2_147_483_648, 2_147_483_647, 0], context: { mode: null, orbit: null, calibrationVersion: '1' }, playback: false },
      { ...BARE, parameterIds: Array.from({ length: 19 }, (_, i) => 300 + i), values: Array.from({ length: 19 }, (_, i) => (i % 3 === 0 ? null : i / 7)) },
    ];
    expect(decodeSampleFrames(encodeSampleFrames(frames))).toEqual(frames);
  });

  it('refuses a frame the encoding cannot carry', () => {
    expect(() => encodeSampleFrames([])).toThrow(RangeError);
    expect(() => encodeSampleFrames([{ ...BARE, satelliteId: 70_000 }])).toThrow(/satellite id 70000/);
    expect(() => encodeSampleFrames([{ ...BARE, parameterIds: [1.5], values: [1] }])).toThrow(/parameter id 1.5/);
    expect(() => encodeSampleFrames([{ ...BARE, parameterIds: [1, 2], values: [1] }])).toThrow(/differ in length/);
  });

  it('names what is wrong with bytes it cannot read, at every truncation', () => {
    const bytes = encodeSampleFrames(pipelineFrames().slice(0, 12));
    for (let length = 0; length < bytes.length; length++) {
      expect(() => decodeSampleFrames(bytes.subarray(0, length))).toThrow(SampleFrameCodecError);
    }
    expect(() => decodeSampleFrames(Buffer.from('{"satelliteId":101}'))).toThrow('not a sample-frame@2 message (no PSF2 magic)');
    expect(() => decodeSampleFrames(Buffer.concat([bytes, Buffer.from([0])]))).toThrow('1 byte(s) after the last frame');
    const huge = Buffer.from(bytes);
    huge.writeUInt32LE(0xffff_ffff, 4);
    expect(() => decodeSampleFrames(huge)).toThrow(/4294967295 frames cannot fit/);
  });

  it('refuses a string index, flag or string it does not know', () => {
    const one = encodeSampleFrames([BARE]);
    // magic 4, count 4, string count 2, "power" 2 + 5, then the frame: ids 6, flags at +6, times 16, subsystem index.
    const frameAt = 4 + 4 + 2 + 2 + 5;
    const badIndex = Buffer.from(one);
    badIndex.writeUInt16LE(3, frameAt + 8 + 16);
    expect(() => decodeSampleFrames(badIndex)).toThrow('subsystem names string 3 of 1');
    const badFlags = Buffer.from(one);
    badFlags.writeUInt16LE(0x8000, frameAt + 6);
    expect(() => decodeSampleFrames(badFlags)).toThrow('frame 0: unknown flags 0x8000');
    const badUtf8 = Buffer.from(one);
    badUtf8[4 + 4 + 2 + 2] = 0xff;
    expect(() => decodeSampleFrames(badUtf8)).toThrow('string 0 is not UTF-8');
  });

  it('refuses, with the reason, every frame the schema refuses', () => {
    const refused: Array<[SampleFrame, string]> = [
      [{ ...BARE, apid: 0x800 }, 'frame 0: APID 2048 beyond 11 bits'],
      [{ ...BARE, sequenceCount: 0x4000 }, 'frame 0: sequence count 16384 beyond 14 bits'],
      [{ ...BARE, subsystem: '' }, 'frame 0: empty subsystem'],
      [{ ...BARE, onboardTimeMs: Number.NaN }, 'frame 0: onboard time is NaN'],
      [{ ...BARE, arrivalMs: Infinity }, 'frame 0: arrival time is Infinity'],
      [{ ...BARE, receivedOnboardTimeMs: -Infinity }, 'frame 0: received onboard time is -Infinity'],
      [{ ...BARE, parameterIds: [1, 2], values: [1, Number.NaN] }, 'frame 0: value 1 is NaN'],
      [{ ...BARE, parameterIds: [1], values: [1], rawValues: [Infinity] }, 'frame 0: raw value 0 is Infinity'],
      [{ ...BARE, source: { topic: 't', partition: 0, offset: '12a' } }, 'frame 0: source offset is not decimal digits'],
      [{ ...BARE, source: { topic: 't', partition: 0, offset: '' } }, 'frame 0: empty source offset'],
      [{ ...BARE, context: { mode: null, orbit: { latDeg: Number.NaN, lonDeg: 0, altKm: 0, tleEpochMs: 0 }, calibrationVersion: '1' } }, 'frame 0: latitude is NaN'],
    ];
    for (const [frame, reason] of refused) {
      expect(sampleFramesSchema.safeParse([frame]).success).toBe(false);
      expect(() => decodeSampleFrames(encodeSampleFrames([frame]))).toThrow(reason);
    }
  });

  it('returns only what the schema accepts, whatever bytes it is given', () => {
    const bytes = encodeSampleFrames(pipelineFrames().slice(0, 40));
    const prng = new Prng(11);
    let read = 0;
    for (let round = 0; round < 3000; round++) {
      const mutated = Buffer.from(bytes);
      for (let flips = prng.integer(1, 4); flips > 0; flips--) mutated[prng.integer(0, mutated.length - 1)] = prng.integer(0, 255);
      let frames: SampleFrame[];
      try {
        frames = decodeSampleFrames(mutated);
      } catch (error) {
        expect(error).toBeInstanceOf(SampleFrameCodecError);
        continue;
      }
      read++;
      expect(sampleFramesSchema.safeParse(frames).error?.issues).toBeUndefined();
    }
    // Most single-byte changes land in values, which any bytes encode: both outcomes are exercised.
    expect(read).toBeGreaterThan(300);
    expect(read).toBeLessThan(3000);
  });
});
