/**
 * Stores calibrated samples (silver) in one statement, one binary array
 * parameter per column expanded by `unnest`: 50,000 samples are one round
 * trip, where row-by-row INSERTs would be 50,000.
 *
 * @example
 *   await insertSamples(client, [{ timeMs: 1767225600000.5, satelliteId: 101, parameterId: 2, value: 0.5, rawValue: 0.5, quality: 0 }]);
 */
import type { SampleRecord } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { float8Array, int2Array, int4Array } from './binary-arrays';
import { timestampFromMs } from './epoch';

const SQL = `
INSERT INTO samples (ts, satellite_id, parameter_id, value, raw_value, quality)
SELECT ${timestampFromMs('u.time_ms')}, u.satellite_id, u.parameter_id, u.value, u.raw_value, u.quality
  FROM unnest($1::float8[], $2::integer[], $3::smallint[], $4::float8[], $5::float8[], $6::smallint[])
       AS u(time_ms, satellite_id, parameter_id, value, raw_value, quality)`;

/** Returns the number of rows stored. */
export async function insertSamples(q: Queryable, samples: readonly SampleRecord[]): Promise<number> {
  if (samples.length === 0) return 0;
  const n = samples.length;
  const times = new Float64Array(n);
  const satellites = new Array<number>(n);
  const parameters = new Array<number>(n);
  const values = new Float64Array(n);
  const rawValues = new Float64Array(n);
  const qualities = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    times[i] = s.timeMs;
    satellites[i] = s.satelliteId;
    parameters[i] = s.parameterId;
    values[i] = s.value;
    rawValues[i] = s.rawValue;
    qualities[i] = s.quality;
  }
  const result = await q.query(SQL, [
    float8Array(times),
    int4Array(satellites),
    int2Array(parameters),
    float8Array(values),
    float8Array(rawValues),
    int2Array(qualities),
  ]);
  return result.rowCount ?? 0;
}
