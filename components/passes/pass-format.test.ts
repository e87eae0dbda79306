import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, passConsoleHref } from './pass-format';

describe('Passes > format', () => {
  it('opens a pass in the satellite console with its AOS and LOS as ISO-8601', () => {
    expect(passConsoleHref({ satelliteId: 101, aosMs: Date.UTC(2026, 0, 1, 6), losMs: Date.UTC(2026, 0, 1, 6, 9, 30) })).toBe(
      '/satellites/101?from=2026-01-01T06%3A00%3A00.000Z&to=2026-01-01T06%3A09%3A30.000Z',
    );
  });

  it('writes m:ss durations and data volumes', () => {
    expect(formatDuration(512_000)).toBe('8:32');
    expect(formatDuration(59_600)).toBe('1:00');
    expect([formatBytes(999), formatBytes(2048), formatBytes(2_048_000)]).toEqual(['999 B', '2.0 kB', '2.0 MB']);
  });
});
