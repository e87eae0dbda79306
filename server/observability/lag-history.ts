/**
 * Total lag per consumer group over the last few minutes, for the ops
 * page's sparklines: a bounded ring of snapshots, handed out as columns
 * (one time array, one lag array per group) with null where a group had no
 * reading yet, as uPlot-style charts take them.
 *
 * @example
 *   const history = new LagHistory({ capacity: 300 }); // 10 min at 2 s
 *   history.push(snapshot);
 *   history.columns(); // { atMs: [..], groups: { 'perigee-archiver': { lagMessages: [..], lagSeconds: [..] } } }
 */
import type { OpsSnapshot } from './ops-snapshot';

export interface LagColumns {
  /** Epoch ms of each point, oldest first. */
  readonly atMs: readonly number[];
  readonly groups: Readonly<Record<string, { readonly lagMessages: readonly (number | null)[]; readonly lagSeconds: readonly (number | null)[] }>>;
}

interface Point {
  readonly atMs: number;
  readonly lag: ReadonlyMap<string, { readonly messages: number; readonly seconds: number }>;
}

export class LagHistory {
  readonly #capacity: number;
  #points: Point[] = [];

  constructor({ capacity }: { capacity: number }) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
  }

  push(snapshot: Pick<OpsSnapshot, 'atMs' | 'groups'>): void {
    this.#points.push({ atMs: snapshot.atMs, lag: new Map(snapshot.groups.map((g) => [g.group, { messages: g.lagMessages, seconds: g.lagSeconds }])) });
    if (this.#points.length > this.#capacity) this.#points = this.#points.slice(-this.#capacity);
  }

  get size(): number {
    return this.#points.length;
  }

  columns(): LagColumns {
    const names = new Set<string>();
    for (const p of this.#points) for (const name of p.lag.keys()) names.add(name);
    const groups: Record<string, { lagMessages: (number | null)[]; lagSeconds: (number | null)[] }> = {};
    for (const name of [...names].sort()) {
      groups[name] = {
        lagMessages: this.#points.map((p) => p.lag.get(name)?.messages ?? null),
        lagSeconds: this.#points.map((p) => p.lag.get(name)?.seconds ?? null),
      };
    }
    return { atMs: this.#points.map((p) => p.atMs), groups };
  }
}
