/**
 * Tumbling-window aggregation of samples per (satellite, parameter): the
 * values the 1-second tier stores. Pure; the archiver merges the result with
 * what is already stored, which is why it yields sum and count (exactly
 * mergeable) rather than an average.
 *
 * @example
 *   aggregateSamples([
 *     { timeMs: 1000, satelliteId: 1, parameterId: 2, value: 3 },
 *     { timeMs: 1500, satelliteId: 1, parameterId: 2, value: 5 },
 *   ]);
 *   // [{ bucketStartMs: 1000, satelliteId: 1, parameterId: 2, min: 3, max: 5, sum: 8, count: 2, last: 5, lastTimeMs: 1500 }]
 */

/** The part of a sample aggregation reads. */
export interface TimedValue {
  readonly timeMs: number;
  readonly satelliteId: number;
  readonly parameterId: number;
  readonly value: number;
}

export interface SampleAggregate {
  /** Start of the bucket, epoch ms, a multiple of bucketMs. */
  readonly bucketStartMs: number;
  readonly satelliteId: number;
  readonly parameterId: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
  readonly count: number;
  /** Value of the sample with the greatest time (the later one in input order on a tie). */
  readonly last: number;
  readonly lastTimeMs: number;
}

interface Accumulator {
  bucketStartMs: number;
  satelliteId: number;
  parameterId: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  lastTimeMs: number;
}

/** Parameter ids are below 2^15, so (satellite, parameter) packs into one exact number key. */
const PARAMETER_SPAN = 0x8000;

/**
 * Buckets samples into windows [k·bucketMs, (k+1)·bucketMs). Samples whose
 * value or time is not finite are left out: one NaN would poison the sum of
 * its bucket for good once merged into the stored aggregate. Output is
 * ordered by satellite, parameter, then bucket.
 */
export function aggregateSamples(samples: readonly TimedValue[], bucketMs = 1000): SampleAggregate[] {
  if (!Number.isInteger(bucketMs) || bucketMs <= 0) throw new RangeError(`bucketMs must be a positive integer, got ${bucketMs}`);
  const series = new Map<number, Map<number, Accumulator>>();
  for (const sample of samples) {
    const { timeMs, value } = sample;
    if (!Number.isFinite(value) || !Number.isFinite(timeMs)) continue;
    const seriesKey = sample.satelliteId * PARAMETER_SPAN + sample.parameterId;
    let buckets = series.get(seriesKey);
    if (buckets === undefined) series.set(seriesKey, (buckets = new Map()));
    const bucketStartMs = Math.floor(timeMs / bucketMs) * bucketMs;
    const acc = buckets.get(bucketStartMs);
    if (acc === undefined) {
      buckets.set(bucketStartMs, {
        bucketStartMs,
        satelliteId: sample.satelliteId,
        parameterId: sample.parameterId,
        min: value,
        max: value,
        sum: value,
        count: 1,
        last: value,
        lastTimeMs: timeMs,
      });
      continue;
    }
    if (value < acc.min) acc.min = value;
    if (value > acc.max) acc.max = value;
    acc.sum += value;
    acc.count += 1;
    if (timeMs >= acc.lastTimeMs) {
      acc.last = value;
      acc.lastTimeMs = timeMs;
    }
  }
  const out: SampleAggregate[] = [];
  for (const seriesKey of [...series.keys()].sort((a, b) => a - b)) {
    const buckets = series.get(seriesKey)!;
    for (const bucketStartMs of [...buckets.keys()].sort((a, b) => a - b)) out.push(buckets.get(bucketStartMs)!);
  }
  return out;
}
