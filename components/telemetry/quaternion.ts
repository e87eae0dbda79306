/**
 * The little quaternion algebra the attitude view needs. Quaternions are
 * scalar-first [w, x, y, z] and rotate body vectors into the reference frame.
 *
 * @example
 *   attitudeErrorDeg([1, 0, 0, 0], [Math.SQRT1_2, 0, 0, Math.SQRT1_2]); // 90
 *   rotate([Math.SQRT1_2, 0, 0, Math.SQRT1_2], [1, 0, 0]);                // ≈ [0, 1, 0]
 */
export type Quaternion = readonly [number, number, number, number];
export type Vector3 = readonly [number, number, number];

export function normalize(q: Quaternion): Quaternion {
  const n = Math.hypot(q[0], q[1], q[2], q[3]);
  if (!(n > 0)) throw new RangeError('a zero quaternion has no orientation');
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

/**
 * The angle of the smallest rotation taking one orientation to the other,
 * degrees in [0, 180]: 2·atan2(|vec(a* b)|, |scalar(a* b)|), which stays exact
 * near zero where acos of the dot product loses half its digits. q and −q are
 * the same orientation, hence the absolute scalar part.
 */
export function attitudeErrorDeg(q: Quaternion, commanded: Quaternion): number {
  const [aw, ax, ay, az] = normalize(q);
  const [bw, bx, by, bz] = normalize(commanded);
  const w = aw * bw + ax * bx + ay * by + az * bz;
  const x = aw * bx - bw * ax - (ay * bz - az * by);
  const y = aw * by - bw * ay - (az * bx - ax * bz);
  const z = aw * bz - bw * az - (ax * by - ay * bx);
  return (2 * Math.atan2(Math.hypot(x, y, z), Math.abs(w)) * 180) / Math.PI;
}

/** v rotated by unit quaternion q: q v q*, expanded (no quaternion products allocated). */
export function rotate(q: Quaternion, v: Vector3): Vector3 {
  const [w, x, y, z] = q;
  // t = 2 (q_vec × v); v' = v + w t + q_vec × t
  const tx = 2 * (y * v[2] - z * v[1]);
  const ty = 2 * (z * v[0] - x * v[2]);
  const tz = 2 * (x * v[1] - y * v[0]);
  return [v[0] + w * tx + (y * tz - z * ty), v[1] + w * ty + (z * tx - x * tz), v[2] + w * tz + (x * ty - y * tx)];
}

/** Isometric projection to screen coordinates (x right, y down), unit length ≈ 1. */
export function isometric(v: Vector3): readonly [number, number] {
  const cos30 = Math.sqrt(3) / 2;
  return [(v[0] - v[1]) * cos30, (v[0] + v[1]) * 0.5 - v[2]];
}
