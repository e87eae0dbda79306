/**
 * Unit quaternions, scalar first (w, x, y, z), as the mission database defines
 * attitude: q rotates body-frame vectors into ECI, v_eci = q ⊗ v_body ⊗ q*.
 * Conventions follow Markley & Crassidis, "Fundamentals of Spacecraft Attitude
 * Determination and Control" (2014), with the Hamilton product.
 *
 * @example
 *   const q = fromAxisAngle(vec(0, 0, 1), Math.PI / 2);
 *   rotate(q, vec(1, 0, 0)); // ≈ {x: 0, y: 1, z: 0}
 */
import { cross, norm, unit, type Vec3 } from '../domain/orbit/vector3';

export interface Quaternion {
  readonly w: number;
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export const IDENTITY: Quaternion = { w: 1, x: 0, y: 0, z: 0 };

export function multiply(a: Quaternion, b: Quaternion): Quaternion {
  return {
    w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
    x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
    y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
    z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
  };
}

export const conjugate = (q: Quaternion): Quaternion => ({ w: q.w, x: -q.x, y: -q.y, z: -q.z });

export function normalize(q: Quaternion): Quaternion {
  const n = Math.hypot(q.w, q.x, q.y, q.z);
  return { w: q.w / n, x: q.x / n, y: q.y / n, z: q.z / n };
}

/** Rotates a body vector into the reference frame. */
export function rotate(q: Quaternion, v: Vec3): Vec3 {
  // v' = v + 2w(u×v) + 2u×(u×v), u = vector part: cheaper than two products.
  const u = { x: q.x, y: q.y, z: q.z };
  const t = cross(u, v);
  const t2 = { x: 2 * t.x, y: 2 * t.y, z: 2 * t.z };
  const c = cross(u, t2);
  return { x: v.x + q.w * t2.x + c.x, y: v.y + q.w * t2.y + c.y, z: v.z + q.w * t2.z + c.z };
}

/** Rotates a reference-frame vector into the body frame. */
export const rotateInverse = (q: Quaternion, v: Vec3): Vec3 => rotate(conjugate(q), v);

export function fromAxisAngle(axis: Vec3, angleRad: number): Quaternion {
  const a = unit(axis);
  const s = Math.sin(angleRad / 2);
  return { w: Math.cos(angleRad / 2), x: a.x * s, y: a.y * s, z: a.z * s };
}

/** Small rotation from a rotation vector (axis × angle, radians); exact for any size. */
export function fromRotationVector(r: Vec3): Quaternion {
  const angle = norm(r);
  if (angle < 1e-12) return normalize({ w: 1, x: r.x / 2, y: r.y / 2, z: r.z / 2 });
  return fromAxisAngle(r, angle);
}

/** Rotation vector (axis × angle) of q, taking the shorter way round. */
export function toRotationVector(q: Quaternion): Vec3 {
  const s = q.w < 0 ? -1 : 1;
  const vx = s * q.x;
  const vy = s * q.y;
  const vz = s * q.z;
  const sinHalf = Math.hypot(vx, vy, vz);
  if (sinHalf < 1e-12) return { x: 2 * vx, y: 2 * vy, z: 2 * vz };
  const angle = 2 * Math.atan2(sinHalf, s * q.w);
  const k = angle / sinHalf;
  return { x: vx * k, y: vy * k, z: vz * k };
}

/** Rotation angle between two attitudes, radians in [0, π]. */
export function angleBetweenAttitudes(a: Quaternion, b: Quaternion): number {
  const d = Math.abs(a.w * b.w + a.x * b.x + a.y * b.y + a.z * b.z);
  return 2 * Math.acos(Math.min(1, d));
}

/** q or −q, whichever lies in the same hemisphere as `reference`: both are the same attitude. */
export function sameHemisphere(q: Quaternion, reference: Quaternion): Quaternion {
  const d = q.w * reference.w + q.x * reference.x + q.y * reference.y + q.z * reference.z;
  return d < 0 ? { w: -q.w, x: -q.x, y: -q.y, z: -q.z } : q;
}

/**
 * Attitude that points body axis `primaryBody` along `primaryRef` and puts body
 * axis `secondaryBody` as close as possible to `secondaryRef` (the TRIAD method,
 * Markley & Crassidis §5.2). Body axes must be orthogonal unit vectors.
 */
export function fromTwoVectors(primaryBody: Vec3, secondaryBody: Vec3, primaryRef: Vec3, secondaryRef: Vec3): Quaternion {
  const b1 = unit(primaryBody);
  const b2 = unit(cross(b1, secondaryBody));
  const b3 = cross(b1, b2);
  const r1 = unit(primaryRef);
  const r2 = unit(cross(r1, secondaryRef));
  const r3 = cross(r1, r2);
  // R = [r1 r2 r3]·[b1 b2 b3]ᵀ maps body to reference.
  const m = (i: 'x' | 'y' | 'z', j: 'x' | 'y' | 'z') => r1[i] * b1[j] + r2[i] * b2[j] + r3[i] * b3[j];
  return fromMatrix(m('x', 'x'), m('x', 'y'), m('x', 'z'), m('y', 'x'), m('y', 'y'), m('y', 'z'), m('z', 'x'), m('z', 'y'), m('z', 'z'));
}

/** Quaternion of a rotation matrix (row-major), Shepperd's method for numerical safety. */
function fromMatrix(
  m00: number, m01: number, m02: number,
  m10: number, m11: number, m12: number,
  m20: number, m21: number, m22: number,
): Quaternion {
  const trace = m00 + m11 + m22;
  if (trace > 0) {
    const s = 2 * Math.sqrt(trace + 1);
    return normalize({ w: s / 4, x: (m21 - m12) / s, y: (m02 - m20) / s, z: (m10 - m01) / s });
  }
  if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    return normalize({ w: (m21 - m12) / s, x: s / 4, y: (m01 + m10) / s, z: (m02 + m20) / s });
  }
  if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    return normalize({ w: (m02 - m20) / s, x: (m01 + m10) / s, y: s / 4, z: (m12 + m21) / s });
  }
  const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
  return normalize({ w: (m10 - m01) / s, x: (m02 + m20) / s, y: (m12 + m21) / s, z: s / 4 });
}
