/**
 * What the history seed writes and the history benchmark reads, in one
 * place so the two always agree.
 */
import path from 'node:path';
import type { Config } from '../server/config';

export const HISTORY_BENCH_DEFAULTS = {
  /** Start of the seeded telemetry: 2026-01-01T00:00:00Z, epoch ms. */
  startMs: Date.UTC(2026, 0, 1),
  hours: 24,
  satellites: 3,
} as const;

/**
 * The benchmark's cluster folder: a sub-folder of PERIGEE_DATA_DIR, so that
 * with the default data folder it never shares a cluster with the console's
 * own database. Point PERIGEE_DATA_DIR outside the repository to keep the
 * seeded day across checkouts.
 */
export function historyBenchDataDir(config: Config): string {
  return path.join(config.database.embedded.dataDir, 'bench-history');
}
