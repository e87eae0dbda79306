/**
 * Where a satellite was when it sampled: sub-satellite latitude/longitude and
 * altitude from its catalogue TLE (SGP4 via satellite.js), for enriching
 * sample frames. The satellite moves ~7.6 km (0.07°) in a second, far below
 * what the console shows, so the position is computed at the whole second and
 * cached: one propagation per satellite-second however many frames share it.
 * A few recent seconds are kept per satellite, so a reordered packet does not
 * evict the second the stream is in.
 *
 * @example
 *   const orbits = new OrbitContext(demoFleet(3));
 *   orbits.at(101, Date.UTC(2026, 10, 25, 12)); // { latDeg: …, lonDeg: …, altKm: ~510, tleEpochMs: 1793491200000 }
 *   orbits.at(999, Date.UTC(2026, 10, 25, 12)); // null: not in the catalogue
 */
import { eciToGeodetic, degreesLat, degreesLong, gstime, propagate, twoline2satrec, type SatRec } from 'satellite.js';
import type { SatelliteCatalogue } from '../mission/fleet';

export interface OrbitFix {
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altKm: number;
  /** Epoch of the element set the fix was propagated from, epoch ms. */
  readonly tleEpochMs: number;
}

/** Seconds kept per satellite. */
const CACHED_SECONDS = 4;
const JULIAN_DATE_UNIX_EPOCH = 2440587.5;
const MS_PER_DAY = 86_400_000;

interface Track {
  readonly satrec: SatRec;
  readonly tleEpochMs: number;
  /** Ring of cached seconds and their fixes (null: SGP4 failed for that second). */
  readonly seconds: Float64Array;
  readonly fixes: Array<OrbitFix | null>;
  next: number;
}

export class OrbitContext {
  readonly #tracks = new Map<number, Track | null>();
  #propagations = 0;

  constructor(fleet: SatelliteCatalogue) {
    for (const satellite of fleet.satellites) {
      const satrec = twoline2satrec(satellite.tle[0], satellite.tle[1]);
      // Elements SGP4 rejects give no orbit context rather than stopping telemetry processing.
      if (satrec.error !== 0) {
        this.#tracks.set(satellite.id, null);
        continue;
      }
      this.#tracks.set(satellite.id, {
        satrec,
        tleEpochMs: Math.round((satrec.jdsatepoch - JULIAN_DATE_UNIX_EPOCH) * MS_PER_DAY),
        seconds: new Float64Array(CACHED_SECONDS).fill(Number.NaN),
        fixes: new Array<OrbitFix | null>(CACHED_SECONDS).fill(null),
        next: 0,
      });
    }
  }

  /** SGP4 propagations run so far (one per satellite-second asked for). */
  get propagations(): number {
    return this.#propagations;
  }

  /** The fix at the start of the second containing `timeMs`; null for an uncatalogued satellite or a failed propagation. */
  at(satelliteId: number, timeMs: number): OrbitFix | null {
    const track = this.#tracks.get(satelliteId);
    if (!track || !Number.isFinite(timeMs)) return null;
    const secondMs = Math.floor(timeMs / 1000) * 1000;
    for (let i = 0; i < CACHED_SECONDS; i++) if (track.seconds[i] === secondMs) return track.fixes[i]!;
    const fix = this.#propagate(track, secondMs);
    track.seconds[track.next] = secondMs;
    track.fixes[track.next] = fix;
    track.next = (track.next + 1) % CACHED_SECONDS;
    return fix;
  }

  #propagate(track: Track, timeMs: number): OrbitFix | null {
    this.#propagations++;
    const date = new Date(timeMs);
    const state = propagate(track.satrec, date);
    if (!state) return null;
    const geodetic = eciToGeodetic(state.position, gstime(date));
    return Object.freeze({
      latDeg: degreesLat(geodetic.latitude),
      lonDeg: degreesLong(geodetic.longitude),
      altKm: geodetic.height,
      tleEpochMs: track.tleEpochMs,
    });
  }
}
