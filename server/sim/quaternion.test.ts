import { describe, expect, it } from 'vitest';
import {
  angleBetweenAttitudes,
  fromAxisAngle,
  fromRotationVector,
  fromTwoVectors,
  multiply,
  rotate,
  rotateInverse,
  toRotationVector,
} from './quaternion';
import { unit, vec, type Vec3 } from '../domain/orbit/vector3';

const expectVec = (actual: Vec3, expected: Vec3, digits = 12) => {
  expect(actual.x).toBeCloseTo(expected.x, digits);
  expect(actual.y).toBeCloseTo(expected.y, digits);
  expect(actual.z).toBeCloseTo(expected.z, digits);
};

describe('Sim > quaternion', () => {
  it('rotates +X onto +Y with a quarter turn about +Z, and back with the inverse', () => {
    const q = fromAxisAngle(vec(0, 0, 1), Math.PI / 2);
    expectVec(rotate(q, vec(1, 0, 0)), vec(0, 1, 0));
    expectVec(rotateInverse(q, vec(0, 1, 0)), vec(1, 0, 0));
  });

  it('composes rotations as the Hamilton product: q1⊗q2 applies q2 first', () => {
    const aboutZ = fromAxisAngle(vec(0, 0, 1), Math.PI / 2);
    const aboutX = fromAxisAngle(vec(1, 0, 0), Math.PI / 2);
    // +Y → (about X) +Z → (about Z) +Z
    expectVec(rotate(multiply(aboutZ, aboutX), vec(0, 1, 0)), vec(0, 0, 1));
  });

  it('round-trips rotation vectors, and measures the angle between attitudes', () => {
    const r = vec(0.3, -0.2, 0.1);
    expectVec(toRotationVector(fromRotationVector(r)), r);
    const q = fromAxisAngle(vec(1, 1, 0), 0.4);
    expect(angleBetweenAttitudes(q, multiply(q, fromAxisAngle(vec(0, 0, 1), 0.25)))).toBeCloseTo(0.25, 12);
    expect(angleBetweenAttitudes(q, { w: -q.w, x: -q.x, y: -q.y, z: -q.z })).toBeCloseTo(0, 6);
  });

  it('points the primary body axis exactly at its reference with TRIAD, and the secondary into its plane', () => {
    const primaryRef = unit(vec(0.2, -0.7, 0.4));
    const secondaryRef = vec(0, 0, 1);
    const body = unit(vec(0.3, 0.2, -1));
    const q = fromTwoVectors(body, vec(0, 1, 0), primaryRef, secondaryRef);
    expectVec(rotate(q, body), primaryRef);
    // +Y lies in the plane spanned by the primary reference and celestial north.
    const y = rotate(q, vec(0, 1, 0));
    const normal = unit({ x: primaryRef.y * secondaryRef.z - primaryRef.z * secondaryRef.y, y: primaryRef.z * secondaryRef.x - primaryRef.x * secondaryRef.z, z: primaryRef.x * secondaryRef.y - primaryRef.y * secondaryRef.x });
    expect(y.x * normal.x + y.y * normal.y + y.z * normal.z).toBeCloseTo(0, 12);
    expect(Math.hypot(q.w, q.x, q.y, q.z)).toBeCloseTo(1, 12);
  });
});
