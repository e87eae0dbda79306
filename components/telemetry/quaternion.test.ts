import { describe, expect, it } from 'vitest';
import { attitudeErrorDeg, isometric, normalize, rotate } from './quaternion';

const close = (actual: readonly number[], expected: readonly number[]) => actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
const H = Math.SQRT1_2;

describe('Telemetry > quaternion', () => {
  it('measures the rotation between orientations, treating q and −q as the same', () => {
    expect(attitudeErrorDeg([1, 0, 0, 0], [1, 0, 0, 0])).toBe(0);
    expect(attitudeErrorDeg([1, 0, 0, 0], [H, 0, 0, H])).toBeCloseTo(90, 10);
    expect(attitudeErrorDeg([1, 0, 0, 0], [0, 1, 0, 0])).toBeCloseTo(180, 10);
    expect(attitudeErrorDeg([H, 0, H, 0], [-H, 0, -H, 0])).toBe(0);
    // A 1° roll: cos(0.5°), sin(0.5°) about x; unnormalised input is normalised first.
    const half = (0.5 * Math.PI) / 180;
    expect(attitudeErrorDeg([2, 0, 0, 0], [Math.cos(half), Math.sin(half), 0, 0])).toBeCloseTo(1, 10);
  });

  it('rotates body axes into the reference frame', () => {
    close(rotate([H, 0, 0, H], [1, 0, 0]), [0, 1, 0]); // 90° about z: x → y
    close(rotate([H, H, 0, 0], [0, 1, 0]), [0, 0, 1]); // 90° about x: y → z
    close(rotate([1, 0, 0, 0], [0.3, -0.2, 0.9]), [0.3, -0.2, 0.9]);
  });

  it('projects isometrically: z up the screen, x and y to the lower right and left', () => {
    close(isometric([0, 0, 1]), [0, -1]);
    close(isometric([1, 0, 0]), [Math.sqrt(3) / 2, 0.5]);
    close(isometric([0, 1, 0]), [-Math.sqrt(3) / 2, 0.5]);
  });

  it('refuses a zero quaternion', () => {
    expect(() => normalize([0, 0, 0, 0])).toThrow(RangeError);
  });
});
