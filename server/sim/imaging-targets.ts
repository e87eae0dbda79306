/**
 * Ground targets the payload images, and the rule that picks one: a target is
 * taken when the satellite rises above ACQUIRE_ELEVATION_DEG as seen from it
 * while the spacecraft is sunlit (the camera needs a lit scene), and kept
 * until the satellite sinks below RELEASE_ELEVATION_DEG. The gap between the
 * two stops the attitude from flapping between target and sun at the edge.
 *
 * @example
 *   const selector = new TargetSelector();
 *   selector.select(positionKm, timeMs, true); // ECI position of the target, or undefined
 */
import { ecfToEci, geodeticToEcf } from 'satellite.js';
import { gmstAt } from '../domain/orbit/orbit-track';
import { dot, norm, sub, unit, type Vec3 } from '../domain/orbit/vector3';

export interface ImagingTarget {
  readonly name: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
}

export const IMAGING_TARGETS: readonly ImagingTarget[] = [
  { name: 'Etna', latitudeDeg: 37.75, longitudeDeg: 14.99 },
  { name: 'Amazon basin', latitudeDeg: -3.4, longitudeDeg: -62.2 },
  { name: 'Great Barrier Reef', latitudeDeg: -18.3, longitudeDeg: 147.7 },
  { name: 'Lake Chad', latitudeDeg: 13.1, longitudeDeg: 14.5 },
  { name: 'Everest', latitudeDeg: 27.99, longitudeDeg: 86.93 },
  { name: 'Jakobshavn glacier', latitudeDeg: 69.17, longitudeDeg: -49.8 },
  { name: 'Atacama', latitudeDeg: -24.5, longitudeDeg: -69.25 },
  { name: 'Aral Sea', latitudeDeg: 45.0, longitudeDeg: 60.0 },
  { name: 'Mississippi delta', latitudeDeg: 29.15, longitudeDeg: -89.25 },
  { name: 'Lake Victoria', latitudeDeg: -1.0, longitudeDeg: 33.0 },
  { name: 'Ganges delta', latitudeDeg: 22.0, longitudeDeg: 89.5 },
  { name: 'Murray-Darling', latitudeDeg: -34.0, longitudeDeg: 142.0 },
  { name: 'Okavango delta', latitudeDeg: -19.3, longitudeDeg: 22.9 },
  { name: 'Rhine delta', latitudeDeg: 51.9, longitudeDeg: 4.5 },
  { name: 'Yellowstone', latitudeDeg: 44.6, longitudeDeg: -110.5 },
  { name: 'Pine Island glacier', latitudeDeg: -75.1, longitudeDeg: -100.0 },
];

export const ACQUIRE_ELEVATION_DEG = 30;
export const RELEASE_ELEVATION_DEG = 25;

const DEG = Math.PI / 180;

interface FixedTarget {
  readonly positionEcf: Vec3;
  /** Local vertical (geodetic up) in Earth-fixed axes. */
  readonly up: Vec3;
}

export class TargetSelector {
  readonly #targets: readonly FixedTarget[];
  #current = -1;

  constructor(targets: readonly ImagingTarget[] = IMAGING_TARGETS) {
    this.#targets = targets.map((t) => {
      const latitude = t.latitudeDeg * DEG;
      const longitude = t.longitudeDeg * DEG;
      return {
        positionEcf: geodeticToEcf({ latitude, longitude, height: 0 }),
        up: { x: Math.cos(latitude) * Math.cos(longitude), y: Math.cos(latitude) * Math.sin(longitude), z: Math.sin(latitude) },
      };
    });
  }

  /** Index of the target being imaged, or −1. */
  get currentIndex(): number {
    return this.#current;
  }

  /** ECI position (km) of the target to point at now, or undefined to go back to the default pointing. */
  select(positionKm: Vec3, timeMs: number, isSunlit: boolean): Vec3 | undefined {
    if (!isSunlit) {
      this.#current = -1;
      return undefined;
    }
    const gmst = gmstAt(timeMs);
    // Rotate the satellite into Earth-fixed axes once rather than every target into inertial ones.
    const c = Math.cos(gmst);
    const s = Math.sin(gmst);
    const satEcf = { x: c * positionKm.x + s * positionKm.y, y: -s * positionKm.x + c * positionKm.y, z: positionKm.z };
    if (this.#current >= 0 && this.#elevationDeg(this.#targets[this.#current]!, satEcf) < RELEASE_ELEVATION_DEG) {
      this.#current = -1;
    }
    if (this.#current < 0) {
      let best = ACQUIRE_ELEVATION_DEG;
      this.#targets.forEach((target, i) => {
        const elevation = this.#elevationDeg(target, satEcf);
        if (elevation >= best) {
          best = elevation;
          this.#current = i;
        }
      });
    }
    if (this.#current < 0) return undefined;
    return ecfToEci(this.#targets[this.#current]!.positionEcf, gmst);
  }

  #elevationDeg(target: FixedTarget, satEcf: Vec3): number {
    const lineOfSight = sub(satEcf, target.positionEcf);
    // Cheap reject: beyond ~3000 km the satellite is below 10° anyway.
    if (norm(lineOfSight) > 3000) return -90;
    // Clamp: straight overhead, rounding can push the sine a hair past 1 and asin would give NaN.
    return Math.asin(Math.min(1, dot(unit(lineOfSight), target.up))) / DEG;
  }
}
