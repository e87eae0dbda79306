/**
 * A sustained load for the benchmarks: a recorder dump offered to the
 * ingest gateway at a fixed rate — as a ground station forwards a recorder
 * over a downlink of fixed bandwidth — while the fleet streams live. Does
 * the pipeline keep up? Every second it records the lag: samples offered
 * and not yet archived (the archiver's count less the live fleet's nominal
 * rate). Flat lag means the pipeline keeps up; lag growing by the second
 * means it does not. After the last packet it waits until the archive holds
 * every packet and sample of the dump.
 *
 * @example
 *   const { dump } = offeredDump(mdb, 20, 100_000, 60); // 12 minutes of 20 satellites
 *   const result = await offerSustained({ dump, port, samplesPerS: 100_000, liveSamplesPerS: 4_230, archivedSamples, playbackPackets });
 *   console.log(describeSustained(result, 100_000));
 */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { MissionDatabase } from '../server/domain/mission/mission-database';
import { formatNumber as fmt } from './format';
import { nominalRates } from './nominal-rates';
import { cpuBetween, describeCpu } from './process-cpu';
import { recordedDump, type RecordedDump } from './recorded-dump';

export interface SustainedOptions {
  readonly dump: RecordedDump;
  readonly host?: string;
  /** The gateway's TCP port. */
  readonly port: number;
  readonly samplesPerS: number;
  /** Samples/s the live fleet adds to the archiver's count meanwhile. */
  readonly liveSamplesPerS: number;
  /** Samples the archive has stored so far, live ones included (the archiver's own count: cheap to read). */
  readonly archivedSamples: () => Promise<number>;
  /** Played-back packets in the archive (an exact count, read only once the samples may all be in). */
  readonly playbackPackets: () => Promise<number>;
  /** How often whole packets are written, ms. */
  readonly tickMs?: number;
  /** CPU seconds so far per kind of process (processTreeCpu, descendantCpu): read as the offer starts and ends. */
  readonly cpu?: () => ReadonlyMap<string, number>;
}

export interface Sustained {
  /** Seconds the dump took to offer at the chosen rate. */
  readonly offerSeconds: number;
  /** Samples/s of the dump archived while it was offered. */
  readonly archivedRate: number;
  /** At the end of every second of the offer: samples offered and not yet archived. */
  readonly lag: readonly number[];
  /** Seconds from the last packet written until all of the dump was archived; absent when it never was (stalled). */
  readonly drainSeconds?: number;
  /** When the archive stopped short of the dump: its played-back packets of the dump. */
  readonly stalled?: DumpStalled;
  /** With `cpu`: what each kind of process used while the dump was offered, s, largest first, and the samples stored meanwhile (live ones included). */
  readonly cpu?: { readonly used: Array<[string, number]>; readonly samples: number };
}

/** The archive stopped growing short of the whole dump: what it held of it. */
export class DumpStalled extends Error {
  constructor(
    readonly archivedPackets: number,
    readonly packets: number,
    readonly idleSeconds: number,
  ) {
    super(`the dump stalled at ${archivedPackets} of ${packets} packets archived, none more for ${idleSeconds} s`);
  }
}

/** Played-back packets in the archive: the exact count for `playbackPackets` (it scans the packets table). */
export async function countPlayback(pool: pg.Pool): Promise<number> {
  return Number((await pool.query('SELECT count(*) AS n FROM packets WHERE playback')).rows[0].n);
}

/** Where the archive's two counts stand now, for untilArchived. */
export async function archiveCounts({ archivedSamples, playbackPackets }: Pick<SustainedOptions, 'archivedSamples' | 'playbackPackets'>): Promise<ArchiveCounts> {
  return { samplesBefore: await archivedSamples(), playbackBefore: await playbackPackets() };
}

export interface ArchiveCounts {
  readonly samplesBefore: number;
  readonly playbackBefore: number;
}

/**
 * A dump of `satellites` long enough to offer at `samplesPerS` for
 * `seconds`, from three hours back: its samples must not be those of a
 * burst dump of the same run (which starts an hour back; the archive stores
 * a sample once).
 */
export function offeredDump(mdb: MissionDatabase, satellites: number, samplesPerS: number, seconds: number): { dump: RecordedDump; minutes: number } {
  const minutes = Math.ceil((samplesPerS * seconds) / (nominalRates(mdb).samplesPerS * satellites * 60));
  return { dump: recordedDump(mdb, satellites, minutes, { startMs: Math.floor((Date.now() - 3 * 3_600_000) / 1000) * 1000 }), minutes };
}

export async function offerSustained(o: SustainedOptions): Promise<Sustained> {
  const { samplesBefore, playbackBefore } = await archiveCounts(o);
  const cpuBefore = o.cpu?.();
  const started = performance.now();
  const send = sendPaced(o);
  // Of the archive's count so far (live samples included): the dump's share.
  const ofDump = (archived: number) => archived - samplesBefore - (o.liveSamplesPerS * (performance.now() - started)) / 1000;
  const lag: number[] = [];
  let sent: { seconds: number } | undefined;
  const sending = send.done.then((s) => (sent = s));
  while (sent === undefined) {
    await Promise.race([sending, sleep(Math.max(0, started + (lag.length + 1) * 1000 - performance.now()))]);
    if (sent === undefined) lag.push(send.offeredSamples() - ofDump(await o.archivedSamples()));
  }
  const offerEnded = performance.now();
  const cpuAfter = o.cpu?.();
  const archived = await o.archivedSamples();
  const archivedRate = ofDump(archived) / sent.seconds;
  const result = {
    offerSeconds: sent.seconds,
    archivedRate,
    lag,
    ...(cpuBefore && cpuAfter ? { cpu: { used: cpuBetween(cpuBefore, cpuAfter), samples: archived - samplesBefore } } : {}),
  };
  try {
    await untilArchived(o, { samplesBefore, playbackBefore });
  } catch (error) {
    if (error instanceof DumpStalled) return { ...result, stalled: error };
    throw error;
  }
  return { ...result, drainSeconds: (performance.now() - offerEnded) / 1000 };
}

/**
 * Waits until the archive holds all of the dump's samples and packets beyond
 * the counts before it. The exact packet count scans the packets table: it
 * runs only once the archiver's own counter says the samples may all be in
 * (live samples count there too), so the benchmark does not load the
 * database it measures (or after 20 s, once a second). Rejects with
 * DumpStalled when the packet count stops growing for `stallSeconds` short
 * of the dump (what a broker dropped never comes), or after 15 minutes.
 */
export async function untilArchived(
  { dump, archivedSamples, playbackPackets }: Pick<SustainedOptions, 'dump' | 'archivedSamples' | 'playbackPackets'>,
  { samplesBefore, playbackBefore }: ArchiveCounts,
  { stallSeconds = 30 }: { readonly stallSeconds?: number } = {},
): Promise<void> {
  const started = performance.now();
  let most = { packets: -1, atMs: started };
  for (;;) {
    // Live samples count too, so after losses the samples alone may take long to add up: from 20 s on, the packets are counted anyway.
    const counting = (await archivedSamples()) - samplesBefore >= dump.samples || performance.now() - started > 20_000;
    if (counting) {
      const packets = (await playbackPackets()) - playbackBefore;
      if (packets >= dump.packets) return;
      if (packets > most.packets) most = { packets, atMs: performance.now() };
      else if (performance.now() - most.atMs > stallSeconds * 1000) throw new DumpStalled(packets, dump.packets, stallSeconds);
      if (performance.now() - started > 900_000) throw new DumpStalled(packets, dump.packets, 900);
    }
    await sleep(counting ? 1000 : 200);
  }
}

/** One line: the cores each kind of process used while the dump was offered, and their CPU per 1,000 samples stored meanwhile; undefined without `cpu`. */
export function describeSustainedCpu({ cpu, offerSeconds }: Sustained): string | undefined {
  return cpu === undefined ? undefined : describeCpu(cpu.used, offerSeconds, cpu.samples);
}

/** One line: the rate archived, the lag every 10 s and at its worst, the drain (or where the archive stalled). */
export function describeSustained({ offerSeconds, archivedRate, lag, drainSeconds, stalled }: Sustained, samplesPerS: number): string {
  const k = (n: number) => `${fmt(n / 1000)}k`;
  const every10 = lag.filter((_, i) => (i + 1) % 10 === 0 || i === lag.length - 1);
  const worst = Math.max(...lag);
  const end =
    stalled === undefined
      ? `all archived ${fmt(drainSeconds!, 1)} s after the last packet`
      : `NOT all archived: ${fmt(stalled.archivedPackets)} of ${fmt(stalled.packets)} packets, none more for ${stalled.idleSeconds} s ` +
        `(a broker that drops what waits too long — librdkafka's mock cluster keeps ~5 MiB a partition — loses the rest)`;
  return (
    `offered at ${fmt(samplesPerS)} samples/s for ${fmt(offerSeconds, 1)} s: ${fmt(archivedRate)} samples/s archived meanwhile; ` +
    `lag (offered, not yet archived) every 10 s ${every10.map(k).join(', ')} samples, at worst ${k(worst)} (${fmt(worst / samplesPerS, 2)} s of the offer); ${end}`
  );
}

interface PacedSend {
  /** Samples written to the gateway so far. */
  offeredSamples(): number;
  /** Resolves when the whole dump is written, with how long that took, s. */
  readonly done: Promise<{ seconds: number }>;
}

/** Writes the dump's whole packets to the gateway every `tickMs`, as many as `samplesPerS` has made due. */
function sendPaced({ dump, host = '127.0.0.1', port, samplesPerS, tickMs = 10 }: SustainedOptions): PacedSend {
  let next = 0; // first packet not written yet
  const done = new Promise<{ seconds: number }>((resolve, reject) => {
    const socket = net.connect(port, host, () => {
      const started = performance.now();
      const tick = () => {
        const due = ((performance.now() - started) / 1000) * samplesPerS;
        const from = next;
        while (next < dump.packets && dump.samplesThrough[next]! <= due) next++;
        if (next > from) socket.write(dump.payload.subarray(from === 0 ? 0 : dump.packetEnds[from - 1]!, dump.packetEnds[next - 1]!));
        if (next < dump.packets) setTimeout(tick, tickMs);
        else socket.end(() => resolve({ seconds: (performance.now() - started) / 1000 }));
      };
      tick();
    });
    socket.on('error', reject);
  });
  return { offeredSamples: () => (next === 0 ? 0 : dump.samplesThrough[next - 1]!), done };
}

