import { describe, expect, it } from 'vitest';
import { formatReprocessReport, parseReprocessArguments } from './reprocess';

describe('Commands > reprocess', () => {
  it('parses --from, --to and --satellite, with or without "="', () => {
    expect(parseReprocessArguments(['--from', '2026-01-01T06:00:00Z', '--to=2026-01-01T07:00:00.500+01:00'])).toEqual({
      fromMs: Date.UTC(2026, 0, 1, 6),
      toMs: Date.UTC(2026, 0, 1, 6, 0, 0, 500),
    });
    expect(parseReprocessArguments(['--from=2026-01-01T06:00Z', '--to', '2026-01-01T06:10Z', '--satellite', '101'])).toEqual({
      fromMs: Date.UTC(2026, 0, 1, 6),
      toMs: Date.UTC(2026, 0, 1, 6, 10),
      satelliteId: 101,
    });
  });

  it('refuses missing, zoneless, reversed or over-long ranges and a bad satellite, with the reason', () => {
    expect(() => parseReprocessArguments(['--to', '2026-01-01T06:00:00Z'])).toThrow(/^--from is required/);
    expect(() => parseReprocessArguments(['--from', '2026-01-01T06:00:00', '--to', '2026-01-01T07:00:00Z'])).toThrow(
      '--from must be an ISO-8601 time with a zone, e.g. 2026-01-01T06:00:00Z; got "2026-01-01T06:00:00"',
    );
    expect(() => parseReprocessArguments(['--from', '2026-01-01T07:00:00Z', '--to', '2026-01-01T06:00:00Z'])).toThrow('--to must be after --from');
    expect(() => parseReprocessArguments(['--from', '2026-01-01T00:00:00Z', '--to', '2026-03-01T00:00:00Z'])).toThrow('longer than 31 days');
    expect(() => parseReprocessArguments(['--from', '2026-01-01T06:00Z', '--to', '2026-01-01T07:00Z', '--satellite', 'x1'])).toThrow(
      '--satellite must be a spacecraft id (0..65535), got "x1"',
    );
    expect(() => parseReprocessArguments(['--from', '2026-01-01T06:00Z', '--to', '2026-01-01T07:00Z', '--dry-run'])).toThrow(/^unexpected argument "--dry-run"/);
  });

  it('prints the range, what was read and the rows before and after', () => {
    const text = formatReprocessReport(
      {
        fromMs: Date.UTC(2026, 0, 1, 6),
        toMs: Date.UTC(2026, 0, 1, 6, 2),
        satelliteIds: [101, 102],
        slices: 4,
        packetsRead: 9120,
        frames: 4560,
        quarantined: 0,
        duplicates: 12,
        removed: { samples: 150, agg1s: 20, agg1m: 2 },
        stored: { samples: 312000, agg1s: 9600, agg1m: 160 },
      },
      2500,
    );
    expect(text.split('\n')).toEqual([
      'reprocessed 2026-01-01T06:00:00.000Z .. 2026-01-01T06:02:00.000Z (whole minutes), satellites 101, 102, 4 slices in 2.5 s',
      'raw packets read 9120 (with context margins), frames stored 4560, duplicates 12, quarantined 0',
      'samples          150 before      312000 after',
      'agg_1s            20 before        9600 after',
      'agg_1m             2 before         160 after',
      '',
    ]);
  });
});
