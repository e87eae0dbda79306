/**
 * Which ground station is in contact with each satellite, from the AOS/LOS
 * events the stations report. The gateway uses it to stamp each packet with
 * the station that delivered it; outside passes packets come by relay.
 *
 * @example
 *   tracker.observe({ type: 'aos', satelliteId: 101, station: 'svalbard', ... });
 *   tracker.stationFor(101); // 'svalbard'
 */
import type { GroundStationEvent } from './ground-station-event';

export const RELAY_STATION = 'relay';

export class ContactTracker {
  /** satellite id → station → AOS time of the open pass. */
  readonly #open = new Map<number, Map<string, number>>();

  observe(event: GroundStationEvent): void {
    if (event.type === 'aos') {
      const stations = this.#open.get(event.satelliteId) ?? new Map<string, number>();
      stations.set(event.station, event.timeMs);
      this.#open.set(event.satelliteId, stations);
    } else if (event.type === 'los') {
      this.#open.get(event.satelliteId)?.delete(event.station);
    }
  }

  /** The station with the most recent AOS among open passes, or "relay". */
  stationFor(satelliteId: number): string {
    let best = RELAY_STATION;
    let bestAos = -Infinity;
    for (const [station, aos] of this.#open.get(satelliteId) ?? []) {
      if (aos > bestAos) {
        best = station;
        bestAos = aos;
      }
    }
    return best;
  }
}
