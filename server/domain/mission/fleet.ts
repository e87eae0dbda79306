/**
 * The fleet catalogue: spacecraft ids, names and two-line element sets, and
 * the ground stations. The demonstration fleet is N satellites in a ~510 km
 * (15.19 rev/day) sun-synchronous orbit, spread over planes and phases; its TLEs are
 * generated from mean elements at a fixed epoch so every process computes
 * the same orbits.
 */
import type { MissionDatabase } from './mission-database';

export interface SatelliteInfo {
  /** CCSDS spacecraft id carried in every packet's secondary header. */
  readonly id: number;
  readonly name: string;
  readonly tle: readonly [string, string];
}

export interface GroundStationInfo {
  readonly id: string;
  readonly name: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeM: number;
  /** Elevation above which the station holds lock. */
  readonly minElevationDeg: number;
}

export interface SatelliteCatalogue {
  readonly satellites: readonly SatelliteInfo[];
  readonly groundStations: readonly GroundStationInfo[];
}

export const GROUND_STATIONS: readonly GroundStationInfo[] = [
  { id: 'svalbard', name: 'Svalbard (SvalSat)', latitudeDeg: 78.2297, longitudeDeg: 15.4077, altitudeM: 500, minElevationDeg: 5 },
  { id: 'fairbanks', name: 'Fairbanks', latitudeDeg: 64.8594, longitudeDeg: -147.8497, altitudeM: 300, minElevationDeg: 5 },
  { id: 'hartebeesthoek', name: 'Hartebeesthoek', latitudeDeg: -25.8897, longitudeDeg: 27.6853, altitudeM: 1540, minElevationDeg: 5 },
];

/** First spacecraft id of the demonstration fleet. */
export const FIRST_SATELLITE_ID = 101;
/** Epoch of the generated element sets: 2026-11-01T00:00:00Z. */
const TLE_EPOCH = { year: 26, dayOfYear: 305.0 };

/** Catalogue of `count` demonstration satellites. */
export function demoFleet(count: number): SatelliteCatalogue {
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new RangeError('fleet size must be an integer in 1..64');
  const planes = Math.min(count, 3);
  const satellites = Array.from({ length: count }, (_, i) => {
    const plane = i % planes;
    const slot = Math.floor(i / planes);
    const perPlane = Math.ceil(count / planes);
    const catalogNumber = 90001 + i;
    return {
      id: FIRST_SATELLITE_ID + i,
      name: `PERIGEE-${i + 1}`,
      tle: formatTle({
        catalogNumber,
        inclinationDeg: 97.59,
        raanDeg: (40 + plane * 60) % 360,
        eccentricity: 0.0011,
        argPerigeeDeg: 90,
        meanAnomalyDeg: (slot * 360) / Math.max(1, perPlane) + plane * 17,
        meanMotionRevPerDay: 15.19,
      }),
    };
  });
  return { satellites, groundStations: GROUND_STATIONS };
}

/**
 * The fleet a mission database runs with: one spacecraft when its packets
 * name a fixed one (`ccsdsPackets.spacecraft.source: 'fixed'`), carrying the
 * first demonstration orbit; otherwise `count` demonstration satellites.
 */
export function missionFleet(mdb: Pick<MissionDatabase, 'file' | 'mission'>, count: number): SatelliteCatalogue {
  const spacecraft = mdb.file.ccsdsPackets?.spacecraft;
  if (spacecraft?.source !== 'fixed') return demoFleet(count);
  const [first] = demoFleet(1).satellites;
  return { satellites: [{ id: spacecraft.id, name: mdb.mission, tle: first!.tle }], groundStations: GROUND_STATIONS };
}

interface MeanElements {
  catalogNumber: number;
  inclinationDeg: number;
  raanDeg: number;
  eccentricity: number;
  argPerigeeDeg: number;
  meanAnomalyDeg: number;
  meanMotionRevPerDay: number;
}

/** Two-line element set in the NORAD fixed-column format, with checksums. */
export function formatTle(e: MeanElements): [string, string] {
  const num = String(e.catalogNumber).padStart(5, '0');
  const epoch = `${String(TLE_EPOCH.year).padStart(2, '0')}${TLE_EPOCH.dayOfYear.toFixed(8).padStart(12, '0')}`;
  const line1 = `1 ${num}U 26001A   ${epoch}  .00000000  00000-0  00000-0 0  999`;
  const angle = (deg: number) => (((deg % 360) + 360) % 360).toFixed(4).padStart(8, ' ');
  const ecc = e.eccentricity.toFixed(7).slice(2);
  const line2 = `2 ${num} ${angle(e.inclinationDeg)} ${angle(e.raanDeg)} ${ecc} ${angle(e.argPerigeeDeg)} ${angle(e.meanAnomalyDeg)} ${e.meanMotionRevPerDay.toFixed(8).padStart(11, ' ')}    1`;
  return [withChecksum(line1), withChecksum(line2)];
}

function withChecksum(line: string): string {
  let sum = 0;
  for (const ch of line) {
    if (ch >= '0' && ch <= '9') sum += Number(ch);
    else if (ch === '-') sum += 1;
  }
  return `${line}${sum % 10}`;
}
