import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '../mission/default-mission-database';
import { SampleValidator } from './sample-validator';

const mdb = defaultMissionDatabase();
const attitude = mdb.latestLayout(256)!;
const power = mdb.latestLayout(272)!;

/** Raw and engineering values of a nominal attitude packet (mode NADIR, identity quaternions, rates and wheels at 0). */
function nominalAttitude(): { raw: number[]; values: number[] } {
  const values = attitude.parameters.map((p) => (p.name === 'attitude.adcs_mode' ? 2 : p.name === 'attitude.q0' || p.name === 'attitude.qc0' ? 1 : 0));
  return { raw: [...values], values };
}

const indexOf = (name: string) => attitude.parameters.findIndex((p) => p.name === name);

describe('Stream > SampleValidator', () => {
  describe('#validate', () => {
    it('accepts every sample of a nominal packet, in layout order', () => {
      const { raw, values } = nominalAttitude();
      expect(new SampleValidator().validate(attitude, raw, values)).toEqual({ accepted: [...Array(16).keys()], rejected: [] });
    });

    it('refuses NaN and infinities alone, as non-finite-value', () => {
      const { raw, values } = nominalAttitude();
      values[indexOf('attitude.q2')] = Number.NaN;
      raw[indexOf('attitude.q2')] = Number.NaN;
      values[indexOf('attitude.qc1')] = Infinity;
      raw[indexOf('attitude.qc1')] = Infinity;
      const { accepted, rejected } = new SampleValidator().validate(attitude, raw, values);
      expect(accepted).toEqual([0, 1, 2, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
      expect(rejected).toEqual([
        { index: 3, parameterId: 4, reason: 'non-finite-value', detail: 'attitude.q2 is NaN (raw NaN)' },
        { index: 6, parameterId: 7, reason: 'non-finite-value', detail: 'attitude.qc1 is Infinity (raw Infinity)' },
      ]);
    });

    it('refuses a value outside validRange (a value beyond limits but inside it stands)', () => {
      const values = [45.5, 9, 20, 80, 1, 1, 1, 1, 2, 0];
      const raw = values.map((v) => Math.round(v * 1000));
      const { accepted, rejected } = new SampleValidator().validate(power, raw, values);
      expect(accepted).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]); // 9 A battery current is beyond its 8 A warning limit, and valid
      expect(rejected).toEqual([
        {
          index: 0,
          parameterId: 100,
          reason: 'out-of-range',
          detail: 'power.battery_voltage = 45.5 V (raw 45500) is outside its valid range [0, 40] V',
        },
      ]);
    });

    it('refuses a raw value that names none of the parameter states', () => {
      const { raw, values } = nominalAttitude();
      raw[0] = 9;
      values[0] = 9;
      expect(new SampleValidator().validate(attitude, raw, values).rejected).toEqual([
        {
          index: 0,
          parameterId: 1,
          reason: 'unknown-state',
          detail: 'attitude.adcs_mode raw 9 is not one of its states (0=SAFE, 1=SUN_POINTING, 2=NADIR, 3=TARGET, 4=SLEW)',
        },
      ]);
    });

    it('takes the range bounds themselves as valid', () => {
      const values = [40, -25, -40, 100, 5, 0, 0, 0, 10, 1];
      const raw = [...values.slice(0, 9).map((v) => v * 1000), 1];
      expect(new SampleValidator().validate(power, raw, values).rejected).toEqual([]);
    });
  });
});
