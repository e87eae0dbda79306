import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '../mission/default-mission-database';
import { csvField, csvHeader, csvRow, exportSliceMs, maxExportRows } from './csv-export';

const mdb = defaultMissionDatabase();

describe('Export > csv', () => {
  it('names each column with its unit, and leaves dimensionless ones bare', () => {
    expect(csvHeader([{ name: 'power.battery_voltage', unit: 'V' }, { name: 'attitude.q0', unit: '' }])).toBe('time,power.battery_voltage [V],attitude.q0\r\n');
  });

  it('writes empty fields for missing samples and quotes what RFC 4180 requires', () => {
    expect(csvRow('2026-01-01T06:00:00.100000Z', ['28.5', null, '-0.001'])).toBe('2026-01-01T06:00:00.100000Z,28.5,,-0.001\r\n');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain')).toBe('plain');
  });

  it('bounds the rows by the packets that carry the parameters, each at its rate', () => {
    // q0 and q1 share the 10 Hz attitude packet; battery voltage rides the 5 Hz power packet.
    const q0 = mdb.parameter('attitude.q0')!.id;
    const q1 = mdb.parameter('attitude.q1')!.id;
    const volts = mdb.parameter('power.battery_voltage')!.id;
    expect(maxExportRows(mdb.layouts, [q0, q1], 60_000)).toBe(601);
    expect(maxExportRows(mdb.layouts, [q0, q1, volts], 60_000)).toBe(601 + 301);
    expect(maxExportRows(mdb.layouts, [], 60_000)).toBe(0);
  });

  it('reads slices of about 5,000 rows, in whole seconds, within the window', () => {
    expect(exportSliceMs(15, 3_600_000)).toBe(333_000);
    expect(exportSliceMs(100_000, 3_600_000)).toBe(1000);
    expect(exportSliceMs(1, 60_000)).toBe(60_000);
    expect(exportSliceMs(10, 500)).toBe(1000);
  });
});
