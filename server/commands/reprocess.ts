/**
 * `perigee reprocess --from <ISO> --to <ISO> [--satellite <id>]`: rebuilds
 * samples and the 1 s / 1 min aggregates of a range of onboard time from the
 * stored raw packets with the current mission database (server/worker/
 * reprocessor.ts), and prints what it read and stored.
 *
 * @example
 *   perigee reprocess --from 2026-01-01T06:00:00Z --to 2026-01-01T07:00:00Z --satellite 101
 */
import type { Config } from '../config';
import { secondTierParameterIds } from '../domain/aggregation/series-tier';
import { missionFleet } from '../domain/mission/fleet';
import { openMissionDatabase } from './mission-database';
import { MissionControlError } from '../errors';
import type { Logger } from '../log';
import { PostgresReprocessingStore } from '../adapters/postgres/postgres-reprocessing-store';
import { reprocess, type ReprocessReport } from '../worker/reprocessor';
import { openDatabase } from './services';

export const REPROCESS_USAGE = 'usage: perigee reprocess --from <ISO-8601> --to <ISO-8601> [--satellite <id>]\n';
/** Longest range one run rebuilds, ms (31 days): longer runs are split by the operator, on purpose. */
export const REPROCESS_MAX_RANGE_MS = 31 * 86_400_000;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface ReprocessArguments {
  readonly fromMs: number;
  readonly toMs: number;
  readonly satelliteId?: number;
}

function timeOf(flag: string, text: string | undefined): number {
  if (text === undefined) throw new MissionControlError(`${flag} is required\n${REPROCESS_USAGE}`);
  const ms = ISO_8601.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) throw new MissionControlError(`${flag} must be an ISO-8601 time with a zone, e.g. 2026-01-01T06:00:00Z; got "${text}"`);
  return ms;
}

/** Parses the options; throws MissionControlError with the reason and the usage otherwise. */
export function parseReprocessArguments(args: readonly string[]): ReprocessArguments {
  const values = new Map<string, string | undefined>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--from' && flag !== '--to' && flag !== '--satellite') throw new MissionControlError(`unexpected argument "${arg}"\n${REPROCESS_USAGE}`);
    values.set(flag, inline ?? args[++i]);
  }
  const fromMs = timeOf('--from', values.get('--from'));
  const toMs = timeOf('--to', values.get('--to'));
  if (toMs <= fromMs) throw new MissionControlError(`--to must be after --from`);
  if (toMs - fromMs > REPROCESS_MAX_RANGE_MS) throw new MissionControlError(`the range is longer than 31 days; reprocess it in parts`);
  const satellite = values.get('--satellite');
  if (!values.has('--satellite')) return { fromMs, toMs };
  const satelliteId = Number(satellite);
  if (!/^\d+$/.test(satellite ?? '') || satelliteId > 0xffff) throw new MissionControlError(`--satellite must be a spacecraft id (0..65535), got "${satellite}"`);
  return { fromMs, toMs, satelliteId };
}

/** The report as printed, one fact per line. */
export function formatReprocessReport(r: ReprocessReport, elapsedMs: number): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const counts = (label: string, removed: number, stored: number) => `${label.padEnd(9)} ${String(removed).padStart(10)} before  ${String(stored).padStart(10)} after`;
  return [
    `reprocessed ${iso(r.fromMs)} .. ${iso(r.toMs)} (whole minutes), satellites ${r.satelliteIds.join(', ') || 'none'}, ${r.slices} slices in ${(elapsedMs / 1000).toFixed(1)} s`,
    `raw packets read ${r.packetsRead} (with context margins), frames stored ${r.frames}, duplicates ${r.duplicates}, quarantined ${r.quarantined}`,
    counts('samples', r.removed.samples, r.stored.samples),
    counts('agg_1s', r.removed.agg1s, r.stored.agg1s),
    counts('agg_1m', r.removed.agg1m, r.stored.agg1m),
    '',
  ].join('\n');
}

export async function runReprocess(config: Config, log: Logger, args: readonly string[]): Promise<number> {
  const parsed = parseReprocessArguments(args);
  const mdb = await openMissionDatabase(config);
  const db = await openDatabase(config, mdb, log);
  try {
    const started = Date.now();
    const report = await reprocess({
      store: new PostgresReprocessingStore(db.pool, { secondTierParameterIds: secondTierParameterIds(mdb) }),
      mdb,
      fleet: missionFleet(mdb, config.sim.satellites),
      stream: config.stream,
      ...parsed,
      onSlice: (s) => log.debug(`satellite ${s.satelliteId} ${new Date(s.fromMs).toISOString()}: ${s.samples} samples`),
    });
    process.stdout.write(formatReprocessReport(report, Date.now() - started));
    return 0;
  } finally {
    await db.close();
  }
}
