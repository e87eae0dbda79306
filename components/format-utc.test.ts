import { describe, expect, it } from 'vitest';
import { formatRecentUtc, formatUtc } from './format-utc';

const AT = Date.UTC(2026, 10, 25, 12, 0, 5, 250);

describe('Console > formatUtc', () => {
  it('writes the date and time in UTC, to the second by default', () => {
    expect(formatUtc(AT)).toBe('2026-11-25 12:00:05Z');
    expect(formatUtc(Date.UTC(2026, 0, 1, 6, 0, 5, 900))).toBe('2026-01-01 06:00:05Z');
  });

  it('adds milliseconds and names the zone as asked', () => {
    expect(formatUtc(AT, { millis: true, zone: ' UTC' })).toBe('2026-11-25 12:00:05.250 UTC');
    expect(formatUtc(AT, { zone: ' UTC' })).toBe('2026-11-25 12:00:05 UTC');
  });

  it('leaves the date out of a recent event of today, keeps it for another day, and writes a dash for none', () => {
    expect(formatRecentUtc(AT, Date.UTC(2026, 10, 25, 23, 59))).toBe('12:00:05Z');
    expect(formatRecentUtc(AT, Date.UTC(2026, 10, 26, 0, 0, 1))).toBe('2026-11-25 12:00:05Z');
    expect(formatRecentUtc(null)).toBe('—');
  });
});
