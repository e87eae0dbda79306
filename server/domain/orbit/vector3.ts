/**
 * Small 3-vector helpers over plain `{x, y, z}` objects, the shape satellite.js
 * uses for ECI and ECF coordinates, so its results need no conversion.
 *
 * @example
 *   norm(vec(3, 4, 0)); // 5
 */
export interface Vec3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export const vec = (x: number, y: number, z: number): Vec3 => ({ x, y, z });
export const add = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x + b.x, y: a.y + b.y, z: a.z + b.z });
export const sub = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
export const scale = (a: Vec3, k: number): Vec3 => ({ x: a.x * k, y: a.y * k, z: a.z * k });
export const dot = (a: Vec3, b: Vec3): number => a.x * b.x + a.y * b.y + a.z * b.z;
export const norm = (a: Vec3): number => Math.sqrt(dot(a, a));

export const cross = (a: Vec3, b: Vec3): Vec3 => ({
  x: a.y * b.z - a.z * b.y,
  y: a.z * b.x - a.x * b.z,
  z: a.x * b.y - a.y * b.x,
});

/** Unit vector along `a`; throws on a zero vector, which is always a programming error here. */
export function unit(a: Vec3): Vec3 {
  const n = norm(a);
  if (n === 0 || !Number.isFinite(n)) throw new RangeError('cannot normalise a zero or non-finite vector');
  return scale(a, 1 / n);
}

/** a + (b − a)·f */
export const lerp = (a: Vec3, b: Vec3, f: number): Vec3 => ({
  x: a.x + (b.x - a.x) * f,
  y: a.y + (b.y - a.y) * f,
  z: a.z + (b.z - a.z) * f,
});
