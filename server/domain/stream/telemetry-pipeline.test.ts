import { beforeAll, describe, expect, it } from 'vitest';
import { FleetSimulator, type SimPacket } from '../../sim/fleet-simulator';
import { encodePacket } from '../codec/packet-codec';
import { defaultMissionDatabase } from '../mission/default-mission-database';
import { demoFleet } from '../mission/fleet';
import type { PacketLayout } from '../mission/mission-database';
import { sampleFrameSchema, type SampleFrame } from '../sample-frame';
import { TelemetryPipeline, type BatchResult, type PipelineQuarantine, type RawPacketInput } from './telemetry-pipeline';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(3);
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
/** The CUC fine time is 2^-16 s and the decoder keeps whole µs: a decoded time is within this of the encoded one. */
const CUC_RESOLUTION_MS = 1000 / 65536 / 2 + 0.0005;

const keyOf = (p: { satelliteId: number | null; apid: number | null; sequenceCount: number }) => `${p.satelliteId}:${p.apid}:${p.sequenceCount}`;

/** Engineering values for every parameter of a layout: a valid one each, with overrides by name. */
function valuesFor(layout: PacketLayout, overrides: Record<string, number> = {}): Record<string, number> {
  const values: Record<string, number> = {};
  for (const p of layout.parameters) {
    const fallback = p.states ? Number(Object.keys(p.states)[0]) : p.validRange ? (p.validRange.min + p.validRange.max) / 2 : 0;
    values[p.name] = overrides[p.name] ?? fallback;
  }
  return values;
}

function input(bytes: Uint8Array, offset: number, arrivalMs: number, extra: Partial<RawPacketInput> = {}): RawPacketInput {
  return { bytes, topic: 'telemetry.raw.power', partition: 0, offset: String(offset), arrivalMs, ...extra };
}

/** A power packet, of definition version 1 unless told otherwise. */
function powerPacket(sequenceCount: number, offsetMs: number, overrides: Record<string, number> = {}, satelliteId = 101, version = 1): Uint8Array {
  const layout = mdb.packetLayout(272, version)!;
  return encodePacket(mdb, { apid: 272, version, satelliteId, sequenceCount, onboardTimeMs: T0 + offsetMs, values: valuesFor(layout, overrides) });
}

describe('Stream > TelemetryPipeline', () => {
  describe('#processBatch on simulator output (12% drift, 2% duplicates, 1% corrupt)', () => {
    let sim: FleetSimulator;
    const sent: SimPacket[] = [];
    const frames: SampleFrame[] = [];
    const quarantine: PipelineQuarantine[] = [];
    const results: BatchResult[] = [];
    let pipeline: TelemetryPipeline;
    const truth = new Map<string, SimPacket>();

    beforeAll(() => {
      sim = new FleetSimulator({ mdb, fleet, seed: 3, startTimeMs: T0, faults: { duplicateRate: 0.02, driftRate: 0.12, corruptRate: 0.01, reorderRate: 0 } });
      pipeline = new TelemetryPipeline({ mdb, fleet, dedupe: { windowMs: 30_000 }, time: { driftBoundMs: 10_000 } });
      let offset = 0;
      for (let t = T0 + 1_000; t <= T0 + 240_000; t += 1_000) {
        const packets = sim.advance(t).packets;
        sent.push(...packets);
        const inputs = packets.map((p) =>
          input(p.bytes, offset++, p.transmitTimeMs + 40 + (offset % 7) * 10, { topic: mdb.latestLayout(p.apid)!.topic, groundStation: p.groundStation }),
        );
        const result = pipeline.processBatch(inputs);
        results.push(result);
        frames.push(...result.frames);
        quarantine.push(...result.quarantine);
      }
      for (const p of sent) if (p.fault !== 'duplicate' && p.fault !== 'corrupt') truth.set(keyOf(p), p);
    });

    it('accounts for every injected fault exactly', () => {
      const faults = sim.faultCounts();
      expect(faults).toEqual({ duplicate: 265, drift: 1674, corrupt: 145, reorder: 0 });
      const counts = (reason: string) => quarantine.filter((q) => q.reason === reason).length;
      expect(counts('crc-mismatch')).toBe(faults.corrupt);
      const duplicates = results.reduce((n, r) => n + r.duplicates, 0);
      const repaired = results.reduce((n, r) => n + r.repaired, 0);
      expect(duplicates).toBe(faults.duplicate);
      expect(repaired + counts('clock-drift')).toBe(faults.drift);
      expect({ repaired, drift: counts('clock-drift') }).toEqual({ repaired: 1672, drift: 2 });
      expect(quarantine.length).toBe(faults.corrupt + 2);
      // Per-batch counts agree with the entries, and the stats with the batches.
      const summed: Record<string, number> = {};
      for (const r of results) for (const [reason, n] of Object.entries(r.counts)) summed[reason] = (summed[reason] ?? 0) + n;
      expect(summed).toEqual({ 'crc-mismatch': 145, 'clock-drift': 2 });
      expect(pipeline.stats()).toMatchObject({
        packets: sent.length,
        frames: frames.length,
        duplicates: 265,
        repaired: 1672,
        packetsQuarantined: 147,
        samplesRejected: 0,
        quarantinedByReason: { 'crc-mismatch': 145, 'clock-drift': 2 },
      });
    });

    it('puts every frame at its packet’s true onboard time, keeping the received time of repaired ones', () => {
      for (const frame of frames) {
        const packet = truth.get(keyOf(frame))!;
        expect(Math.abs(frame.onboardTimeMs - packet.trueOnboardTimeMs)).toBeLessThanOrEqual(CUC_RESOLUTION_MS);
        expect(frame.receivedOnboardTimeMs !== undefined).toBe(packet.fault === 'drift');
        if (frame.receivedOnboardTimeMs !== undefined) expect(Math.abs(frame.receivedOnboardTimeMs - frame.onboardTimeMs)).toBeGreaterThanOrEqual(20_000 - 1);
      }
    });

    it('accepts each non-corrupt original packet exactly once, unless its time was quarantined', () => {
      const accepted = frames.map(keyOf);
      expect(new Set(accepted).size).toBe(accepted.length);
      const drifted = quarantine.filter((q) => q.reason === 'clock-drift');
      const driftKeys = drifted.map((q) => {
        const view = new DataView(q.input.bytes.buffer, q.input.bytes.byteOffset);
        return `${q.satelliteId}:${q.apid}:${view.getUint16(2) & 0x3fff}`;
      });
      for (const key of driftKeys) expect(truth.get(key)!.fault).toBe('drift');
      expect([...accepted, ...driftKeys].sort()).toEqual([...truth.keys()].sort());
    });

    it('enriches frames with mode, orbit, calibration version and lineage, as telemetry.samples expects', () => {
      for (const frame of frames.slice(0, 200)) expect(sampleFrameSchema.parse(frame)).toEqual(frame);
      const frame = frames.find((f) => f.apid === 288 && f.satelliteId === 102)!;
      expect(frame.context!.calibrationVersion).toBe(mdb.version);
      expect(mdb.version).toBe('1.1.0');
      expect(['SAFE', 'SUN_POINTING', 'NADIR', 'TARGET', 'SLEW']).toContain(frame.context!.mode);
      expect(frame.context!.orbit).toMatchObject({ tleEpochMs: Date.UTC(2026, 10, 1) });
      expect(frame.context!.orbit!.altKm).toBeGreaterThan(490);
      expect(frame.source).toMatchObject({ topic: 'telemetry.raw.thermal', partition: 0 });
      expect(frame.parameterIds).toEqual(mdb.latestLayout(288)!.parameters.map((p) => p.id));
      expect(frame.rawValues).toHaveLength(52);
      expect(frame.groundStation).toBe(truth.get(keyOf(frame))!.groundStation);
    });
  });

  describe('#processBatch, sample by sample', () => {
    it('drops only the out-of-range sample from the frame and quarantines it with its parameter', () => {
      const pipeline = new TelemetryPipeline({ mdb, fleet });
      const bytes = [0, 1, 2, 3, 4].map((seq) => powerPacket(seq, seq * 200, seq === 3 ? { 'power.battery_voltage': 45.5 } : {}));
      const inputs = bytes.map((b, i) => input(b, 10 + i, T0 + i * 200 + 50));
      const { frames, quarantine, counts } = pipeline.processBatch(inputs);
      expect(frames).toHaveLength(5);
      expect(frames[3]!.parameterIds).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109]);
      expect(frames[3]!.values).toHaveLength(9);
      expect(frames[3]!.rawValues).toHaveLength(9);
      expect(frames[2]!.parameterIds).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
      expect(quarantine).toEqual([
        {
          reason: 'out-of-range',
          detail: 'power.battery_voltage = 45.5 V (raw 45500) is outside its valid range [0, 40] V',
          input: inputs[3],
          satelliteId: 101,
          apid: 272,
          parameterId: 100,
        },
      ]);
      expect(counts).toEqual({ 'out-of-range': 1 });
      expect(pipeline.stats()).toMatchObject({ packets: 5, frames: 5, samplesAccepted: 49, samplesRejected: 1, packetsQuarantined: 0 });
    });

    it('decodes power v1 and v2 of one satellite side by side, each with its own layout, inventing no value for the field v1 lacks', () => {
      const pipeline = new TelemetryPipeline({ mdb, fleet });
      const shared = { 'power.battery_voltage': 30.125, 'power.solar_array_current_px': 1.5 };
      const bytes = [
        powerPacket(0, 0, shared, 101, 1),
        powerPacket(1, 200, { ...shared, 'power.solar_array_power': 212.34 }, 101, 2),
        powerPacket(2, 400, shared, 101, 1),
      ];
      const { frames, quarantine } = pipeline.processBatch(bytes.map((b, i) => input(b, i, T0 + i * 200 + 50)));
      expect(quarantine).toEqual([]);
      expect(frames.map((f) => [f.sequenceCount, f.parameterIds.length, f.parameterIds.includes(110)])).toEqual([
        [0, 10, false],
        [1, 11, true],
        [2, 10, false],
      ]);
      expect(frames[1]!.parameterIds.slice(0, 10)).toEqual(frames[0]!.parameterIds);
      expect(frames[1]!.values[10]).toBeCloseTo(212.34, 9);
      expect(frames[1]!.rawValues![10]).toBe(21_234);
      for (const f of frames) expect(f.values[0]).toBeCloseTo(30.125, 9);
    });

    it('produces no frame for a packet whose every sample is refused, and quarantines each sample', () => {
      const pipeline = new TelemetryPipeline({ mdb, fleet });
      const invalid = {
        'power.battery_voltage': 50,
        'power.battery_current': 30,
        'power.battery_temperature': -60,
        'power.battery_soc': 150,
        'power.solar_array_current_px': 6,
        'power.solar_array_current_mx': 6,
        'power.solar_array_current_py': 6,
        'power.solar_array_current_my': 6,
        'power.bus_load_current': 12,
        'power.eclipse': 5,
      };
      const inputs = [powerPacket(0, 0), powerPacket(1, 200, invalid), powerPacket(2, 400)].map((b, i) => input(b, i, T0 + i * 200 + 50));
      const { frames, quarantine, counts } = pipeline.processBatch(inputs);
      expect(frames.map((f) => f.sequenceCount)).toEqual([0, 2]);
      expect(quarantine.map((q) => q.parameterId)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
      expect(counts).toEqual({ 'out-of-range': 9, 'unknown-state': 1 });
    });

    it('quarantines undecodable packets with the decoder’s reason, and a packet on the wrong topic', () => {
      const pipeline = new TelemetryPipeline({ mdb, fleet });
      const good = powerPacket(0, 0);
      const corrupt = Uint8Array.from(good);
      corrupt[20]! ^= 0x10;
      const inputs = [
        input(good.subarray(0, 10), 0, T0),
        input(corrupt, 1, T0),
        input(powerPacket(1, 200), 2, T0 + 250, { topic: 'telemetry.raw.thermal' }),
      ];
      const { frames, quarantine, counts } = pipeline.processBatch(inputs);
      expect(frames).toEqual([]);
      expect(quarantine.map(({ reason, satelliteId, apid }) => ({ reason, satelliteId, apid }))).toEqual([
        { reason: 'truncated', satelliteId: null, apid: 272 },
        { reason: 'crc-mismatch', satelliteId: null, apid: 272 },
        { reason: 'wrong-topic', satelliteId: 101, apid: 272 },
      ]);
      expect(quarantine[2]!.detail).toBe('APID 272 belongs on telemetry.raw.power, arrived on telemetry.raw.thermal');
      expect(counts).toEqual({ truncated: 1, 'crc-mismatch': 1, 'wrong-topic': 1 });
    });

    it('repairs a drifted packet, keeps its received time, and carries the newest ADCS mode into every subsystem’s frames', () => {
      const pipeline = new TelemetryPipeline({ mdb, fleet });
      const attitude = mdb.latestLayout(256)!;
      const attitudeBytes = encodePacket(mdb, {
        apid: 256,
        satelliteId: 101,
        sequenceCount: 0,
        onboardTimeMs: T0 + 100,
        values: valuesFor(attitude, { 'attitude.adcs_mode': 3, 'attitude.q0': 1, 'attitude.qc0': 1 }),
      });
      const inputs = [
        input(attitudeBytes, 0, T0 + 150, { topic: 'telemetry.raw.attitude-control', groundStation: 'svalbard' }),
        ...[0, 1, 2, 3].map((seq) => input(powerPacket(seq, seq * 200 + (seq === 2 ? 3_600_000 : 0)), seq + 1, T0 + seq * 200 + 50)),
        input(powerPacket(4, 800), 9, T0 + 60_000, { playback: true }),
      ];
      const { frames, repaired } = pipeline.processBatch(inputs);
      expect(repaired).toBe(1);
      // Whole ms: the CUC time code resolves 2^-16 s.
      const sinceT0 = (timeMs: number | undefined) => (timeMs === undefined ? null : Math.round(timeMs - T0));
      expect(frames.map((f) => [f.apid, sinceT0(f.onboardTimeMs), sinceT0(f.receivedOnboardTimeMs), f.context!.mode])).toEqual([
        [256, 100, null, 'TARGET'],
        [272, 0, null, 'TARGET'],
        [272, 200, null, 'TARGET'],
        [272, 400, 3_600_400, 'TARGET'],
        [272, 600, null, 'TARGET'],
        [272, 800, null, 'TARGET'],
      ]);
      expect(frames[0]!.groundStation).toBe('svalbard');
      expect(frames[5]!.playback).toBe(true);
      expect(frames[1]!.playback).toBeUndefined();
      expect(frames[0]!.source).toEqual({ topic: 'telemetry.raw.attitude-control', partition: 0, offset: '0' });
    });

    it('drops retransmitted copies and counts them, within a batch and across batches', () => {
      const pipeline = new TelemetryPipeline({ mdb, fleet });
      const bytes = [0, 1, 2].map((seq) => powerPacket(seq, seq * 200));
      const inputs = [...bytes.map((b, i) => input(b, i, T0 + i * 200 + 50)), input(Uint8Array.from(bytes[0]!), 3, T0 + 1_050)];
      const { frames, duplicates } = pipeline.processBatch(inputs);
      expect(frames.map((f) => f.source!.offset)).toEqual(['0', '1', '2']);
      expect(duplicates).toBe(1);
      expect(pipeline.processBatch([input(Uint8Array.from(bytes[0]!), 4, T0 + 2_050)])).toMatchObject({ frames: [], duplicates: 1, quarantine: [] });
      expect(pipeline.stats()).toMatchObject({ packets: 5, frames: 3, duplicates: 2, dedupe: { size: 3, evicted: 0 } });
    });

    it('lets only arrival vouch for a satellite’s first lone packet', () => {
      const pipeline = new TelemetryPipeline({ mdb, fleet });
      const hourOff = pipeline.processBatch([input(powerPacket(0, 0), 0, T0 + 3_600_050)]);
      expect(hourOff.frames).toEqual([]);
      expect(hourOff.quarantine.map((q) => [q.reason, q.detail])).toEqual([
        [
          'clock-drift',
          'cannot verify onboard time 2026-11-25T12:00:00.000Z: only 1 clock-offset observation(s) for satellite 101, 3 needed, ' +
            'and it is +3600050 ms from arrival',
        ],
      ]);
      const onTime = new TelemetryPipeline({ mdb, fleet }).processBatch([input(powerPacket(0, 0), 0, T0 + 50)]);
      expect(onTime.quarantine).toEqual([]);
      expect(onTime.frames.map((f) => f.onboardTimeMs)).toEqual([T0]);
    });
  });
});
