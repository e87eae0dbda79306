/**
 * Plans a history request: which stored tier answers it and how wide its
 * buckets are, so that every series stays within a point budget set by the
 * chart's width in pixels — whatever the window, from a minute to a month.
 *
 * The finest tier whose point count fits the budget wins: raw samples, then
 * the 1-second tier, then the 1-minute tier. Between the last two, the
 * 1-second tier is grouped into 2-second buckets while it holds at most
 * twice the budget, so a chart keeps a point per pixel instead of dropping
 * to a sixtieth of that. When even the 1-minute tier would exceed the
 * budget its rows are grouped further into wider buckets (min of mins, max
 * of maxes, count-weighted mean), so the point count stays bounded however
 * long the window. Every point of an aggregate carries min and max, so a
 * spike inside a bucket never disappears.
 *
 * Buckets are aligned to the Unix epoch: bucket k of width w covers
 * [k·w, (k+1)·w). A request gets every bucket that overlaps its window,
 * whole — so a bucket's values never depend on where the window was cut.
 *
 * @example
 *   planSeries({ fromMs: t, toMs: t + 60_000, widthPx: 1000, maxSampleRateHz: 10 });
 *   // → { tier: 'raw', bucketMs: null, points: 601 }
 *   planSeries({ fromMs: t, toMs: t + 3_600_000, widthPx: 1000, maxSampleRateHz: 10 });
 *   // → { tier: '1s', bucketMs: 2000, points: 1801 }  (t on a 2-second boundary)
 *   planSeries({ fromMs: t, toMs: t + 7 * 86_400_000, widthPx: 1000, maxSampleRateHz: 10 });
 *   // → { tier: '1m', bucketMs: 600_000, points: 1009 }  (t on a 10-minute boundary)
 */
import { TIER_BUCKET_MS, type SeriesTier } from './series-tier';

/** Chart widths a request may ask for, px; the default is a typical panel on a laptop screen. */
export const HISTORY_WIDTH_PX = { min: 32, max: 4096, default: 1000 } as const;

/**
 * Points per pixel the budget allows. One point per pixel already draws the
 * min/max envelope; two keep a finer tier a little longer before stepping
 * down. Every point costs server time to read, encode and send (a 1-hour
 * window of ten parameters at four per pixel was 36,000 points and 2.6 MB
 * of JSON), so the budget stays close to what the screen can show.
 */
export const POINTS_PER_PIXEL = 2;

/**
 * Widths the 1-second tier is grouped into when its own rows exceed the
 * budget, while it holds at most SECOND_TIER_READ_FACTOR times the budget:
 * reading it then costs no more rows than a series may return twice over.
 */
export const SECOND_TIER_WIDTHS_MS: readonly number[] = [2000];
export const SECOND_TIER_READ_FACTOR = 2;

/** Most points one series may return, whatever the width: a few thousand. */
export const MAX_POINTS_PER_SERIES = 5000;

/**
 * Widths the 1-minute tier is grouped into when its own rows exceed the
 * budget, ms: round numbers that divide a day, so buckets line up with
 * clock hours and days. A window too long even for the widest is grouped
 * into a whole number of minutes computed from the budget.
 */
export const REBUCKET_WIDTHS_MS: readonly number[] = [2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((minutes) => minutes * 60_000);

export interface SeriesPlanInput {
  /** Window start and end, epoch ms, both included. */
  readonly fromMs: number;
  readonly toMs: number;
  /** Width of the chart the series is drawn in, px. */
  readonly widthPx: number;
  /** Rate of the fastest requested parameter, Hz: bounds the raw tier's point count. */
  readonly maxSampleRateHz: number;
}

export interface SeriesPlan {
  readonly tier: SeriesTier;
  /** Width of the returned buckets, ms; null when raw samples are returned as stored. */
  readonly bucketMs: number | null;
  /** Most points a series of this plan returns: at most pointBudget(widthPx). */
  readonly points: number;
}

/** How many points a series may return for a chart `widthPx` wide. */
export function pointBudget(widthPx: number): number {
  return Math.min(MAX_POINTS_PER_SERIES, Math.floor(widthPx) * POINTS_PER_PIXEL);
}

/**
 * Number of epoch-aligned buckets of `bucketMs` that overlap [fromMs, toMs].
 *
 * @example
 *   bucketCount(500, 1500, 1000); // 2: [0, 1000) and [1000, 2000)
 *   bucketCount(0, 1000, 1000);   // 2: the end is included, so [1000, 2000) overlaps
 */
export function bucketCount(fromMs: number, toMs: number, bucketMs: number): number {
  return Math.floor(toMs / bucketMs) - Math.floor(fromMs / bucketMs) + 1;
}

/** Start of the epoch-aligned bucket of `bucketMs` holding `timeMs`. */
export function bucketStartMs(timeMs: number, bucketMs: number): number {
  return Math.floor(timeMs / bucketMs) * bucketMs;
}

export function planSeries({ fromMs, toMs, widthPx, maxSampleRateHz }: SeriesPlanInput): SeriesPlan {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs > toMs) {
    throw new RangeError(`series window must satisfy fromMs ≤ toMs with finite times, got [${fromMs}, ${toMs}]`);
  }
  if (!Number.isInteger(widthPx) || widthPx < HISTORY_WIDTH_PX.min || widthPx > HISTORY_WIDTH_PX.max) {
    throw new RangeError(`widthPx must be an integer in ${HISTORY_WIDTH_PX.min}..${HISTORY_WIDTH_PX.max}, got ${widthPx}`);
  }
  if (!(maxSampleRateHz > 0) || !Number.isFinite(maxSampleRateHz)) throw new RangeError(`maxSampleRateHz must be positive, got ${maxSampleRateHz}`);
  const budget = pointBudget(widthPx);
  // Samples sit on a schedule of 1 / rate: a window of that span holds at most span · rate + 1 of them.
  const rawPoints = Math.floor(((toMs - fromMs) * maxSampleRateHz) / 1000) + 1;
  if (rawPoints <= budget) return { tier: 'raw', bucketMs: null, points: rawPoints };
  const seconds = bucketCount(fromMs, toMs, TIER_BUCKET_MS['1s']);
  if (seconds <= budget) return { tier: '1s', bucketMs: TIER_BUCKET_MS['1s'], points: seconds };
  if (seconds <= SECOND_TIER_READ_FACTOR * budget) {
    const pairs = SECOND_TIER_WIDTHS_MS.find((widthMs) => bucketCount(fromMs, toMs, widthMs) <= budget);
    if (pairs !== undefined) return { tier: '1s', bucketMs: pairs, points: bucketCount(fromMs, toMs, pairs) };
  }
  const minutes = bucketCount(fromMs, toMs, TIER_BUCKET_MS['1m']);
  if (minutes <= budget) return { tier: '1m', bucketMs: TIER_BUCKET_MS['1m'], points: minutes };
  const fitting = REBUCKET_WIDTHS_MS.find((widthMs) => bucketCount(fromMs, toMs, widthMs) <= budget);
  // Beyond the widest round width: whole minutes, wide enough that the span plus one partial bucket fits.
  const bucketMs = fitting ?? Math.ceil((toMs - fromMs) / (budget - 1) / 60_000) * 60_000;
  return { tier: '1m', bucketMs, points: bucketCount(fromMs, toMs, bucketMs) };
}

/**
 * Consecutive points more than this many periods apart are drawn as a gap.
 * One missing bucket (two periods) is a gap; the half period of slack
 * absorbs the jitter of onboard sample times.
 */
export const GAP_PERIODS = 1.5;

export interface SeriesSpacing {
  /** Expected distance between consecutive points, ms. */
  readonly periodMs: number;
  /** Points further apart than this are not joined, ms. */
  readonly gapThresholdMs: number;
}

/**
 * Point spacing of a parameter sampled at `sampleRateHz` under a plan: its
 * sampling period for raw samples, the bucket width for aggregates — or the
 * sampling period when that is the longer, as a 0.1 Hz parameter fills only
 * every tenth 1-second bucket.
 *
 * @example
 *   seriesSpacing({ tier: '1s', bucketMs: 1000, points: 901 }, 10); // { periodMs: 1000, gapThresholdMs: 1500 }
 *   seriesSpacing({ tier: 'raw', bucketMs: null, points: 601 }, 5); // { periodMs: 200, gapThresholdMs: 300 }
 */
export function seriesSpacing(plan: SeriesPlan, sampleRateHz: number): SeriesSpacing {
  const periodMs = Math.max(plan.bucketMs ?? 0, 1000 / sampleRateHz);
  return { periodMs, gapThresholdMs: periodMs * GAP_PERIODS };
}
