/**
 * Starts client-fleet.ts in child processes and drives them one command at a
 * time: connect, start, stop (→ report), close. With more than one process
 * the watch plan is dealt round-robin and the reports are merged.
 *
 * @example
 *   const fleet = await spawnClientFleet(2);
 *   await fleet.connect({ url, watches, subsystems, subscribe: true, recordMessages: 100 });
 *   await fleet.start(); … const report = await fleet.stop();
 *   await fleet.close();
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DeliveryCounts, PacketWindow } from './delivery-tally';
import { LATENCY_KINDS, type ClientFleetCommand, type ClientFleetReply, type ClientFleetReport, type LatencyKind } from './client-fleet-protocol';
import { LatencyHistogram } from './latency-histogram';
import type { LoadFigures } from './load-monitor';

const ENTRY = fileURLToPath(new URL('./client-fleet.ts', import.meta.url));

/** A child that does not answer within this is stuck, ms (connecting fifty clients takes well under a second). */
const REPLY_TIMEOUT_MS = 60_000;

export interface MergedClientReport {
  readonly elapsedMs: number;
  /** In the order of the watch plan given to connect. */
  readonly perClient: readonly DeliveryCounts[];
  readonly latencies: Readonly<Record<LatencyKind, LatencyHistogram>>;
  /** One per client process. */
  readonly loads: readonly LoadFigures[];
  readonly recordings: ClientFleetReport['recordings'];
}

export interface ClientFleet {
  connect(command: Omit<Extract<ClientFleetCommand, { kind: 'connect' }>, 'kind'>): Promise<void>;
  start(packetWindow?: PacketWindow): Promise<void>;
  stop(): Promise<MergedClientReport>;
  close(): Promise<void>;
}

function request(child: ChildProcess, command: ClientFleetCommand): Promise<ClientFleetReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`client process did not answer ${command.kind}`)), REPLY_TIMEOUT_MS);
    const onExit = (code: number | null) => reject(new Error(`client process exited (${code}) during ${command.kind}`));
    child.once('exit', onExit);
    child.once('message', (reply: ClientFleetReply) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      if (reply.kind === 'failed') reject(new Error(`client process failed ${command.kind}: ${reply.message}`));
      else resolve(reply);
    });
    child.send(command);
  });
}

export async function spawnClientFleet(processes: number): Promise<ClientFleet> {
  if (!(Number.isInteger(processes) && processes >= 1)) throw new RangeError(`processes must be a positive integer, got ${processes}`);
  const children = Array.from({ length: processes }, () => fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  /** Indices of the watch plan each child holds. */
  let shares: number[][] = children.map(() => []);
  const all = (command: ClientFleetCommand | ((i: number) => ClientFleetCommand)) =>
    Promise.all(children.map((child, i) => request(child, typeof command === 'function' ? command(i) : command)));

  return {
    async connect(command) {
      shares = children.map((_, i) => command.watches.map((_, index) => index).filter((index) => index % processes === i));
      await all((i) => ({ kind: 'connect', ...command, watches: shares[i]!.map((index) => command.watches[index]!) }));
    },
    async start(packetWindow) {
      await all({ kind: 'start', ...(packetWindow ? { packetWindow } : {}) });
    },
    async stop() {
      const reports = (await all({ kind: 'stop' })).map((reply) => (reply as Extract<ClientFleetReply, { kind: 'report' }>).report);
      const perClient: DeliveryCounts[] = [];
      reports.forEach((report, i) => report.perClient.forEach((counts, k) => (perClient[shares[i]![k]!] = counts)));
      const latencies = Object.fromEntries(LATENCY_KINDS.map((kind) => [kind, new LatencyHistogram()])) as Record<LatencyKind, LatencyHistogram>;
      for (const report of reports) for (const kind of LATENCY_KINDS) latencies[kind].merge(LatencyHistogram.fromJSON(report.latencies[kind]));
      return {
        elapsedMs: Math.max(...reports.map((r) => r.elapsedMs)),
        perClient,
        latencies,
        loads: reports.map((r) => r.load),
        recordings: Object.assign({}, ...reports.map((r) => r.recordings)),
      };
    },
    async close() {
      await all({ kind: 'close' });
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              child.once('exit', () => resolve());
              child.disconnect();
            }),
        ),
      );
    },
  };
}
