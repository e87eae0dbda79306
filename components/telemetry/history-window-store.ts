/**
 * What the console reads in a FIXED (history) window: the same interface as
 * the live ChannelStore, answered from two layers of archived data.
 *
 * - The overview: every panel parameter over the whole window at the charts'
 *   resolution (the archive's tier for that width, min/max kept), which the
 *   charts and the trends draw.
 * - The detail: full-rate samples of the chunk of time around the cursor
 *   (and the next one, prefetched while playing), which values, the heat grid
 *   and the attitude view read, so a replay shows what was recorded at that
 *   instant rather than a bucket's mean.
 *
 * Values are read as of the cursor (`setAsOf`): the last sample at or before
 * it, from the detail when it covers the cursor, else from the overview.
 *
 * @example
 *   const view = new HistoryWindowStore({ seriesParameterIds: [100], trendParameterIds: [200] });
 *   view.mergeHistory('power', overview.series);            // charts
 *   view.replaceDetail([{ fromMs, toMs, subsystem: 'power', series: chunk.series }]);
 *   view.setAsOf(cursorMs);
 *   view.latest(100); // the sample recorded at or just before cursorMs
 */
import type { Series } from '@/server/ports/telemetry-store';
import { ChannelStore, type LatestSample } from './channel-store';

export interface DetailChunk {
  /** Time the chunk covers, epoch ms. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly subsystem: string;
  readonly series: readonly Series[];
}

export interface HistoryWindowStoreOptions {
  readonly seriesParameterIds: readonly number[];
  readonly trendParameterIds: readonly number[];
}

/** Per plotted parameter: two detail chunks of a 10 Hz parameter at the longest chunk (10 min). */
const DETAIL_SERIES_CAPACITY = 16_384;
/** Per grid parameter (1 Hz): two of the longest chunks. */
const DETAIL_TREND_CAPACITY = 2_048;
/** Per plotted parameter of the overview: the tier router's budget at the widest chart is a few thousand points. */
const OVERVIEW_SERIES_CAPACITY = 8_192;
const OVERVIEW_TREND_CAPACITY = 4_096;

export class HistoryWindowStore extends ChannelStore {
  readonly #options: HistoryWindowStoreOptions;
  #detail: ChannelStore;
  /** Time spans the detail holds, epoch ms, in order. */
  #detailSpans: { fromMs: number; toMs: number }[] = [];
  #detailGeneration = 0;

  constructor(options: HistoryWindowStoreOptions) {
    super({ ...options, capacity: OVERVIEW_SERIES_CAPACITY, trendCapacity: OVERVIEW_TREND_CAPACITY });
    this.#options = options;
    this.#detail = this.#newDetail();
  }

  override get version(): number {
    return super.version + this.#detailGeneration + this.#detail.version;
  }

  /** Puts these chunks (and only these) in the detail layer: the chunks around the cursor. */
  replaceDetail(chunks: readonly DetailChunk[]): void {
    this.#detail = this.#newDetail();
    this.#detail.setAsOf(this.asOfMs);
    for (const chunk of chunks) this.#detail.mergeHistory(chunk.subsystem, chunk.series);
    this.#detailSpans = mergeSpans(chunks.map((c) => ({ fromMs: c.fromMs, toMs: c.toMs })));
    this.#detailGeneration++;
  }

  /** Whether full-rate data covers `timeMs`. */
  detailCovers(timeMs: number): boolean {
    return this.#detailSpans.some((s) => s.fromMs <= timeMs && timeMs <= s.toMs);
  }

  override setAsOf(timeMs: number | null): void {
    super.setAsOf(timeMs);
    this.#detail.setAsOf(timeMs);
  }

  override latest(parameterId: number): LatestSample | undefined {
    const at = this.asOfMs;
    if (at !== null && this.detailCovers(at)) {
      const detail = this.#detail.latest(parameterId);
      // A sample from before the chunk started is as good as the overview's; a missing one means the chunk has none yet.
      if (detail !== undefined) return detail;
    }
    return super.latest(parameterId);
  }

  override lastOnboardTimeMs(subsystem: string): number | undefined {
    const at = this.asOfMs;
    const overview = super.lastOnboardTimeMs(subsystem);
    if (at === null || !this.detailCovers(at)) return overview;
    const detail = this.#detail.lastOnboardTimeMs(subsystem);
    if (detail === undefined) return overview;
    return overview === undefined ? detail : Math.max(detail, overview);
  }

  #newDetail(): ChannelStore {
    return new ChannelStore({
      seriesParameterIds: this.#options.seriesParameterIds,
      capacity: DETAIL_SERIES_CAPACITY,
      trendParameterIds: this.#options.trendParameterIds,
      trendCapacity: DETAIL_TREND_CAPACITY,
    });
  }
}

function mergeSpans(spans: { fromMs: number; toMs: number }[]): { fromMs: number; toMs: number }[] {
  const sorted = [...spans].sort((a, b) => a.fromMs - b.fromMs);
  const merged: { fromMs: number; toMs: number }[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, s.toMs);
    else merged.push({ ...s });
  }
  return merged;
}
