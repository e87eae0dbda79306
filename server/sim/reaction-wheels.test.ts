import { describe, expect, it } from 'vitest';
import { ReactionWheelArray, WHEEL_AXES, WHEEL_INERTIA_KG_M2, WHEEL_MAX_RPM } from './reaction-wheels';

const RAD_S_PER_RPM = (2 * Math.PI) / 60;

describe('Sim > ReactionWheelArray', () => {
  const wheels = new ReactionWheelArray();

  it('sits on the null-space bias with no momentum to hold', () => {
    expect(wheels.speedsRpm({ x: 0, y: 0, z: 0 })).toEqual([1000, -1000, 1000, -1000]);
  });

  it('stores exactly the requested body momentum, whatever the bias', () => {
    const h = { x: 0.012, y: -0.004, z: 0.02 };
    const speeds = wheels.speedsRpm(h);
    const stored = { x: 0, y: 0, z: 0 };
    speeds.forEach((rpm, i) => {
      const momentum = rpm * RAD_S_PER_RPM * WHEEL_INERTIA_KG_M2;
      stored.x += WHEEL_AXES[i]!.x * momentum;
      stored.y += WHEEL_AXES[i]!.y * momentum;
      stored.z += WHEEL_AXES[i]!.z * momentum;
    });
    expect(stored.x).toBeCloseTo(h.x, 12);
    expect(stored.y).toBeCloseTo(h.y, 12);
    expect(stored.z).toBeCloseTo(h.z, 12);
  });

  it('has its spin axes 54.74° from +Z so the array is equally strong about every axis', () => {
    for (const a of WHEEL_AXES) expect((Math.acos(a.z) * 180) / Math.PI).toBeCloseTo(54.7356, 4);
  });

  it('clamps to the hardware limit', () => {
    expect(wheels.speedsRpm({ x: 10, y: 0, z: 0 }).map(Math.abs)).toEqual([WHEEL_MAX_RPM, WHEEL_MAX_RPM, WHEEL_MAX_RPM, WHEEL_MAX_RPM]);
  });
});
