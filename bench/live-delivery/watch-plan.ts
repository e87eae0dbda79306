/**
 * Which satellites each benchmark client watches (all subsystems of each).
 * Most operators follow one spacecraft, so client i watches satellite
 * i mod n; every `overviewEvery`-th client is a fleet overview watching
 * `overviewSatellites` consecutive satellites instead, so the server also
 * sends multi-room messages and audiences of different sizes.
 *
 * @example
 *   watchPlan(4, [101, 102, 103], { overviewEvery: 4, overviewSatellites: 2 });
 *   // → [[101], [102], [103], [101, 102]]
 */
export interface WatchPlanOptions {
  /** Every this many clients, one is an overview client; 0 for none. */
  readonly overviewEvery?: number;
  /** Satellites an overview client watches. */
  readonly overviewSatellites?: number;
}

export function watchPlan(clients: number, satelliteIds: readonly number[], { overviewEvery = 10, overviewSatellites = 5 }: WatchPlanOptions = {}): number[][] {
  if (!Number.isInteger(clients) || clients < 0) throw new RangeError(`clients must be a non-negative integer, got ${clients}`);
  if (satelliteIds.length === 0) throw new RangeError('satelliteIds is empty');
  const n = satelliteIds.length;
  const width = Math.min(overviewSatellites, n);
  const plan: number[][] = [];
  for (let i = 0; i < clients; i++) {
    const isOverview = overviewEvery > 0 && (i + 1) % overviewEvery === 0;
    if (!isOverview) plan.push([satelliteIds[i % n]!]);
    else plan.push(Array.from({ length: width }, (_, k) => satelliteIds[(i + k) % n]!));
  }
  return plan;
}

/** Clients with the same key watch the same rooms: the server sends them one shared message. */
export function watchKeyOf(satelliteIds: readonly number[]): string {
  return satelliteIds.join(',');
}
