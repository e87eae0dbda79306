/**
 * Where a satellite appears from a ground station: elevation, azimuth and
 * slant range, from an SGP4 state rotated to Earth-fixed (satellite.js
 * `eciToEcf`, `ecfToLookAngles`, WGS-84 station coordinates).
 *
 * @example
 *   const look = new StationLook(new OrbitTrack(sat.tle), station);
 *   look.at(Date.UTC(2026, 10, 25)).elevationDeg; // −90 … 90
 */
import { ecfToLookAngles, type GeodeticLocation } from 'satellite.js';
import type { GroundStationInfo } from '../mission/fleet';
import { toEarthFixed, type OrbitTrack } from './orbit-track';
import type { Vec3 } from './vector3';

const DEG = Math.PI / 180;

export interface LookAngles {
  readonly elevationDeg: number;
  /** Clockwise from true north, 0 … 360. */
  readonly azimuthDeg: number;
  readonly rangeKm: number;
}

/** Station position in the radians/km form satellite.js expects. */
export function stationGeodetic(station: GroundStationInfo): GeodeticLocation {
  return { latitude: station.latitudeDeg * DEG, longitude: station.longitudeDeg * DEG, height: station.altitudeM / 1000 };
}

/** Look angles from a station to an inertial position at a time. */
export function lookAnglesTo(observer: GeodeticLocation, positionKm: Vec3, timeMs: number): LookAngles {
  const angles = ecfToLookAngles(observer, toEarthFixed(positionKm, timeMs));
  return {
    elevationDeg: angles.elevation / DEG,
    azimuthDeg: ((angles.azimuth / DEG) % 360 + 360) % 360,
    rangeKm: angles.rangeSat,
  };
}

export class StationLook {
  readonly station: GroundStationInfo;
  readonly #track: OrbitTrack;
  readonly #observer: GeodeticLocation;

  constructor(track: OrbitTrack, station: GroundStationInfo) {
    this.#track = track;
    this.station = station;
    this.#observer = stationGeodetic(station);
  }

  /** Exact (SGP4) look angles; pass prediction relies on them being smooth in time. */
  at(timeMs: number): LookAngles {
    return lookAnglesTo(this.#observer, this.#track.propagate(timeMs).positionKm, timeMs);
  }
}
