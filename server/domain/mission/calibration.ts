/**
 * Raw ↔ engineering conversions for mission-database calibrations.
 * `calibrate` runs on every decoded value; `uncalibrate` is its inverse, used
 * by the simulator and tests to encode engineering values as raw counts.
 */
import type { Calibration, ParameterDefinition, RawType } from './schema';
import { rawRangeOf, rawTypeEncoding, type RawRange, type WireEncoding } from './wire-encoding';

/** Engineering value of a raw count. */
export function calibrate(calibration: Calibration, raw: number): number {
  switch (calibration.type) {
    case 'none':
      return raw;
    case 'polynomial': {
      // Horner's rule, highest coefficient first.
      const c = calibration.coefficients;
      let value = 0;
      for (let i = c.length - 1; i >= 0; i--) value = value * raw + c[i]!;
      return value;
    }
    case 'table':
      return interpolate(calibration.points, raw, 0, 1);
  }
}

/** Raw count whose calibrated value is closest to `engineering`, clamped to the raw type. */
export function uncalibrate(calibration: Calibration, encoding: RawType | WireEncoding, engineering: number): number {
  return uncalibrateInRange(calibration, rawRangeOf(typeof encoding === 'string' ? rawTypeEncoding(encoding) : encoding), engineering);
}

/** `uncalibrate` with the raw range already worked out (encoders call it per field and packet). */
export function uncalibrateInRange(calibration: Calibration, range: RawRange, engineering: number): number {
  let raw: number;
  if (calibration.type === 'none') raw = engineering;
  else if (calibration.type === 'table') raw = interpolate(calibration.points, engineering, 1, 0);
  else if (calibration.coefficients.length <= 2) {
    const [c0 = 0, c1 = 1] = calibration.coefficients;
    raw = (engineering - c0) / c1;
  } else raw = bisect(calibration, range, engineering);
  const clamped = Math.min(range.max, Math.max(range.min, raw));
  return range.integer ? Math.round(clamped) : clamped;
}

/** Piecewise-linear lookup in [x, y] points (sorted on column `from`), extrapolating at the ends. */
function interpolate(points: ReadonlyArray<readonly [number, number]>, x: number, from: 0 | 1, to: 0 | 1): number {
  const ascending = points[points.length - 1]![from] > points[0]![from];
  const at = (i: number) => points[ascending ? i : points.length - 1 - i]!;
  let i = 0;
  while (i < points.length - 2 && x > at(i + 1)[from]) i++;
  const a = at(i);
  const b = at(i + 1);
  return a[to] + ((x - a[from]) * (b[to] - a[to])) / (b[from] - a[from]);
}

/** Inverse of a monotonic higher-order polynomial over the raw type's range. */
function bisect(calibration: Calibration, range: RawRange, target: number): number {
  let lo = range.min;
  let hi = range.max;
  const increasing = calibrate(calibration, hi) >= calibrate(calibration, lo);
  for (let i = 0; i < 200 && hi - lo > 1e-9 * Math.max(1, Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    const below = calibrate(calibration, mid) < target;
    if (below === increasing) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Enumerated state name of a raw value, when the parameter defines states (single values first, then ranges). */
export function stateOf(parameter: Pick<ParameterDefinition, 'states' | 'stateRanges'>, raw: number): string | undefined {
  const state = parameter.states?.[String(raw)];
  if (state !== undefined || parameter.stateRanges === undefined) return state;
  for (const r of parameter.stateRanges) if (raw >= r.min && raw <= r.max) return r.state;
  return undefined;
}
