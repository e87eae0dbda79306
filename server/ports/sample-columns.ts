/**
 * Silver samples as the archive moves them: column by column in typed
 * arrays, not one object per sample. A pass dump is millions of samples that
 * each live from the moment their message is read until their transaction
 * commits; as objects they outlived several young-generation collections,
 * each of which copied them, and the collections' pauses were what a live
 * feed sharing the process waited on. Six typed arrays per message hold the
 * same values outside the collected heap, and go to the database as binary
 * array parameters without a per-sample step.
 *
 * @example
 *   const columns = sampleColumns([{ timeMs: 1767225600000, satelliteId: 101, parameterId: 2, value: 0.5, rawValue: 0.5, quality: 0 }]);
 *   columns.value[0]; // 0.5
 *   sampleRecords(columns); // the same record back
 */

/** One silver sample (the archive's row of `samples`). */
export interface SampleRecord {
  readonly timeMs: number;
  readonly satelliteId: number;
  readonly parameterId: number;
  readonly value: number;
  readonly rawValue: number;
  /** Bit flags (SAMPLE_QUALITY in telemetry-store.ts); 0 = good as received. */
  readonly quality: number;
}

export interface SampleColumns {
  readonly length: number;
  /** Onboard time, epoch ms. */
  readonly timeMs: Float64Array;
  readonly satelliteId: Int32Array;
  readonly parameterId: Int16Array;
  readonly value: Float64Array;
  readonly rawValue: Float64Array;
  /** Bit flags (SAMPLE_QUALITY). */
  readonly quality: Int16Array;
}

/** Fills columns of a capacity known in advance (an upper bound); `build` returns the filled part. */
export class SampleColumnsBuilder {
  #length = 0;
  readonly #columns: Omit<SampleColumns, 'length'>;

  constructor(capacity: number) {
    this.#columns = {
      timeMs: new Float64Array(capacity),
      satelliteId: new Int32Array(capacity),
      parameterId: new Int16Array(capacity),
      value: new Float64Array(capacity),
      rawValue: new Float64Array(capacity),
      quality: new Int16Array(capacity),
    };
  }

  get length(): number {
    return this.#length;
  }

  /** Throws RangeError past the capacity, or when an id or flag does not fit its column. */
  push(timeMs: number, satelliteId: number, parameterId: number, value: number, rawValue: number, quality: number): void {
    const i = this.#length;
    const c = this.#columns;
    if (i >= c.timeMs.length) throw new RangeError(`sample columns are full (${c.timeMs.length})`);
    // A typed array would wrap silently; the database column would have refused the value.
    if (!Number.isInteger(satelliteId) || satelliteId < -(2 ** 31) || satelliteId >= 2 ** 31) throw new RangeError(`satellite id ${satelliteId} is not a 32-bit integer`);
    if (!Number.isInteger(parameterId) || parameterId < -32_768 || parameterId > 32_767) throw new RangeError(`parameter id ${parameterId} is not a 16-bit integer`);
    if (!Number.isInteger(quality) || quality < 0 || quality > 32_767) throw new RangeError(`quality ${quality} is not a 16-bit flag set`);
    c.timeMs[i] = timeMs;
    c.satelliteId[i] = satelliteId;
    c.parameterId[i] = parameterId;
    c.value[i] = value;
    c.rawValue[i] = rawValue;
    c.quality[i] = quality;
    this.#length = i + 1;
  }

  /** Appends every sample of `columns` (copied; throws RangeError past the capacity). */
  append(columns: SampleColumns): void {
    const at = this.#length;
    const c = this.#columns;
    if (at + columns.length > c.timeMs.length) throw new RangeError(`sample columns are full (${c.timeMs.length})`);
    c.timeMs.set(columns.timeMs.subarray(0, columns.length), at);
    c.satelliteId.set(columns.satelliteId.subarray(0, columns.length), at);
    c.parameterId.set(columns.parameterId.subarray(0, columns.length), at);
    c.value.set(columns.value.subarray(0, columns.length), at);
    c.rawValue.set(columns.rawValue.subarray(0, columns.length), at);
    c.quality.set(columns.quality.subarray(0, columns.length), at);
    this.#length = at + columns.length;
  }

  build(): SampleColumns {
    return sliceColumns({ length: this.#columns.timeMs.length, ...this.#columns }, 0, this.#length);
  }
}

/** Samples `from` (inclusive) to `to` (exclusive), as views of the same memory. */
export function sliceColumns(c: SampleColumns, from: number, to: number): SampleColumns {
  const end = Math.min(to, c.length);
  return {
    length: Math.max(0, end - from),
    timeMs: c.timeMs.subarray(from, end),
    satelliteId: c.satelliteId.subarray(from, end),
    parameterId: c.parameterId.subarray(from, end),
    value: c.value.subarray(from, end),
    rawValue: c.rawValue.subarray(from, end),
    quality: c.quality.subarray(from, end),
  };
}

export function sampleColumns(records: readonly SampleRecord[]): SampleColumns {
  const builder = new SampleColumnsBuilder(records.length);
  for (const r of records) builder.push(r.timeMs, r.satelliteId, r.parameterId, r.value, r.rawValue, r.quality);
  return builder.build();
}

export function sampleRecords(c: SampleColumns): SampleRecord[] {
  return Array.from({ length: c.length }, (_, i) => ({
    timeMs: c.timeMs[i]!,
    satelliteId: c.satelliteId[i]!,
    parameterId: c.parameterId[i]!,
    value: c.value[i]!,
    rawValue: c.rawValue[i]!,
    quality: c.quality[i]!,
  }));
}
