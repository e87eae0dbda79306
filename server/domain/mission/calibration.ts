/**
 * Raw ↔ engineering conversions for mission-database calibrations.
 * `calibrate` runs on every decoded value; `uncalibrate` is its inverse, used
 * by the simulator and tests to encode engineering values as raw counts.
 */
import type { Calibration, ParameterDefinition, RawType } from './schema';

export interface RawRange {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly bytes: number;
}

export const RAW_RANGES: Readonly<Record<RawType, RawRange>> = {
  uint8: { min: 0, max: 0xff, integer: true, bytes: 1 },
  int8: { min: -0x80, max: 0x7f, integer: true, bytes: 1 },
  uint16: { min: 0, max: 0xffff, integer: true, bytes: 2 },
  int16: { min: -0x8000, max: 0x7fff, integer: true, bytes: 2 },
  uint32: { min: 0, max: 0xffffffff, integer: true, bytes: 4 },
  int32: { min: -0x80000000, max: 0x7fffffff, integer: true, bytes: 4 },
  float32: { min: -3.4028234663852886e38, max: 3.4028234663852886e38, integer: false, bytes: 4 },
  float64: { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, integer: false, bytes: 8 },
};

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
export function uncalibrate(calibration: Calibration, rawType: RawType, engineering: number): number {
  const range = RAW_RANGES[rawType];
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

/** Enumerated state name of a raw value, when the parameter defines states. */
export function stateOf(parameter: ParameterDefinition, raw: number): string | undefined {
  return parameter.states?.[String(raw)];
}
