import { describe, expect, it } from 'vitest';
import { readReception, receptionHeaders } from './raw-packet-headers';

describe('Raw packet headers', () => {
  it('carries the whole reception in one header and reads it back', () => {
    const headers = receptionHeaders({ arrivalMs: 1_764_000_000_123, groundStation: 'svalbard "north"', source: 'tcp:[::1]:50122', playback: true });
    expect(headers).toEqual({ 'perigee-reception': '{"arrivalMs":1764000000123,"groundStation":"svalbard \\"north\\"","source":"tcp:[::1]:50122","playback":true}' });
    expect(readReception(headers)).toEqual({ arrivalMs: 1_764_000_000_123, groundStation: 'svalbard "north"', source: 'tcp:[::1]:50122', playback: true });
    // Real-time, station unknown: only what is known is written.
    const live = receptionHeaders({ arrivalMs: 5, playback: false });
    expect(live).toEqual({ 'perigee-reception': '{"arrivalMs":5}' });
    expect(readReception(live)).toEqual({ arrivalMs: 5, groundStation: undefined, source: undefined, playback: false });
  });

  it('reads the separate headers of older logs and other producers', () => {
    expect(readReception({ 'perigee-arrival-ms': '1764000000040', 'perigee-ground-station': 'kiruna', 'perigee-source': 'udp:10.0.0.7:4000', 'perigee-playback': '1' })).toEqual({
      arrivalMs: 1_764_000_000_040,
      groundStation: 'kiruna',
      source: 'udp:10.0.0.7:4000',
      playback: true,
    });
    expect(readReception({})).toEqual({ arrivalMs: undefined, groundStation: undefined, source: undefined, playback: false });
  });

  it('treats a reception header that is not an object of those fields as absent, and an arrival that is not a positive number as unknown', () => {
    const old = { 'perigee-arrival-ms': '1764000000040', 'perigee-ground-station': 'kiruna' };
    for (const bad of ['not json', '[1,2]', 'null', '"text"', '{"arrivalMs":"1764000000040"}', '{"arrivalMs":1,"playback":"yes"}', '{"arrivalMs":1,"groundStation":7}']) {
      expect(readReception({ ...old, 'perigee-reception': bad })).toEqual({ arrivalMs: 1_764_000_000_040, groundStation: 'kiruna', source: undefined, playback: false });
    }
    expect(readReception({ 'perigee-reception': '{"arrivalMs":-3,"groundStation":"kiruna"}' })).toEqual({ arrivalMs: undefined, groundStation: 'kiruna', source: undefined, playback: false });
    expect(readReception({ 'perigee-arrival-ms': 'soon' }).arrivalMs).toBeUndefined();
  });
});
