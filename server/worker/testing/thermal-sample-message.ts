/**
 * Messages of telemetry.samples as the processor publishes them, for
 * archiver tests: the i-th message of a satellite holds `frames` thermal
 * frames (APID 289, 52 samples each), 1 s apart from `t0Ms`.
 *
 * @example
 *   await producer.send(TOPICS.samples, [thermalSampleMessage(mdb, 0, { t0Ms })]);
 */
import { contractHeader } from '../../contracts/event-contracts';
import type { MissionDatabase } from '../../domain/mission/mission-database';
import type { SampleFrame } from '../../domain/sample-frame';
import { encodeSampleFrames, MAX_FRAMES_PER_MESSAGE } from '../../domain/sample-frame-codec';
import type { BusMessage } from '../../ports/bus';
import { TOPICS } from '../../topics';

export const THERMAL_SAMPLE_APID = 289;

export function thermalSampleMessage(
  mdb: MissionDatabase,
  i: number,
  { t0Ms, satelliteId = 101, frames: count = MAX_FRAMES_PER_MESSAGE }: { t0Ms: number; satelliteId?: number; frames?: number },
): BusMessage {
  const layout = mdb.latestLayout(THERMAL_SAMPLE_APID)!;
  const ids = layout.parameters.map((p) => p.id);
  const frames: SampleFrame[] = Array.from({ length: count }, (_, k) => {
    const n = i * count + k;
    return {
      satelliteId,
      subsystem: 'thermal',
      apid: THERMAL_SAMPLE_APID,
      sequenceCount: n % 0x4000,
      onboardTimeMs: t0Ms + n * 1000,
      arrivalMs: t0Ms + n * 1000 + 40,
      parameterIds: ids,
      values: ids.map((id) => 20 + ((id + n) % 50) / 4),
      rawValues: ids.map((id) => 2000 + id + n),
      source: { topic: TOPICS.rawThermal, partition: 0, offset: String(n) },
      context: { mode: 'NOMINAL', orbit: null, calibrationVersion: mdb.version },
    };
  });
  return { key: String(satelliteId), value: encodeSampleFrames(frames), headers: contractHeader('sample-frame') };
}
