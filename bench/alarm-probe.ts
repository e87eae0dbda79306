/**
 * Times alarms through a running Perigee. Every `everyMs` a live power
 * packet of one satellite with its battery voltage under the critical low
 * limit goes into the ingest gateway over TCP, as a ground station sends it,
 * and half a period later one with a nominal voltage, so each low packet
 * raises a new occurrence of the limit alarm; a probe starts and stops with
 * a nominal packet, so the next probe's first low packet raises too. The
 * satellite should be one the simulator does not fly: a limit's state
 * follows the newest sample, and a simulated packet sampled a few ms after
 * the probe's but processed before it would leave the probe's low value too
 * old to raise anything. Per
 * low packet, from its write to the gateway:
 *   - console: until its alert reaches a signed-in Socket.IO client
 *     (alarm:alerts, pushed by the web node's alarm feed);
 *   - archive: until its alarm event is committed (alarm_events, looked up
 *     every 50 ms on the table's satellite index) — what a console polling
 *     the archive every 2 s saw, before the push, up to 2 s later still.
 *
 * @example
 *   const probe = startAlarmProbe({ client, tcpPort, pool, mdb, satelliteId: 101 });
 *   // … the system runs …
 *   const { console: shown, archive } = await probe.stop();
 */
import net from 'node:net';
import type pg from 'pg';
import type { Socket } from 'socket.io-client';
import { encodePacket } from '../server/domain/codec/packet-codec';
import type { Alert } from '../server/domain/alert';
import type { MissionDatabase } from '../server/domain/mission/mission-database';
import { SOCKET_EVENTS } from '../server/realtime/events';
import { formatNumber } from './format';
import { summarize, type LatencySummary } from './latency-summary';

const SUBJECT = 'power.battery_voltage';
const POWER_APID = 272;

export interface AlarmTimes extends LatencySummary {
  /** Injected alarms that arrived. */
  readonly count: number;
}

export interface AlarmProbeResult {
  readonly injected: number;
  readonly console: AlarmTimes;
  readonly archive: AlarmTimes;
}

export interface AlarmProbeOptions {
  readonly client: Socket;
  readonly host?: string;
  readonly tcpPort: number;
  readonly pool: pg.Pool;
  readonly mdb: MissionDatabase;
  readonly satelliteId: number;
  readonly everyMs?: number;
  /** How long stop() waits for the last alarms to arrive, ms. */
  readonly settleMs?: number;
}

interface Injection {
  readonly onboardMs: number;
  readonly sentMs: number;
  consoleMs?: number;
  archiveMs?: number;
}

/** Onboard times come back to the time code's 2^-16 s tick. */
const sameInstant = (a: number, b: number) => Math.abs(a - b) < 1;

export function startAlarmProbe({ client, host = '127.0.0.1', tcpPort, pool, mdb, satelliteId, everyMs = 1000, settleMs = 30_000 }: AlarmProbeOptions) {
  const layout = mdb.latestLayout(POWER_APID);
  if (!layout) throw new Error(`no layout for APID ${POWER_APID}`);
  const low = mdb.parameter(SUBJECT)?.limits?.criticalLow;
  if (low === undefined) throw new Error(`${SUBJECT} has no critical low limit`);
  const values: Record<string, number> = Object.fromEntries(layout.parameters.map((p) => [p.name, 2]));
  Object.assign(values, { 'power.battery_soc': 80, 'power.battery_temperature': 20, 'power.eclipse': 0 });
  const [lowValues, normalValues] = [{ ...values, [SUBJECT]: low - 0.5 }, { ...values, [SUBJECT]: 28 }];

  const injections: Injection[] = [];
  const find = (windowEndMs: number) => injections.find((i) => sameInstant(i.onboardMs, windowEndMs));
  const onAlerts = (alerts: readonly Alert[]) => {
    const at = Date.now();
    for (const a of alerts) {
      if (a.satelliteId !== satelliteId || a.subject !== SUBJECT || a.kind !== 'raised') continue;
      const injection = find(a.windowEndMs);
      if (injection && injection.consoleMs === undefined) injection.consoleMs = at - injection.sentMs;
    }
  };
  client.on(SOCKET_EVENTS.alarmAlerts, onAlerts);

  const socket = net.connect(tcpPort, host);
  socket.on('error', () => {});
  let sequenceCount = 0;
  const send = (packetValues: Record<string, number>): number => {
    const onboardMs = Date.now() - 5;
    socket.write(encodePacket(mdb, { apid: POWER_APID, satelliteId, sequenceCount: sequenceCount++ % 0x4000, onboardTimeMs: onboardMs, values: packetValues }));
    return onboardMs;
  };
  // A limit raises only on leaving nominal: start from nominal, whatever an earlier probe left.
  send(normalValues);
  let backToNormal: ReturnType<typeof setTimeout> | undefined;
  const injecting = setInterval(() => {
    const sentMs = Date.now();
    injections.push({ onboardMs: send(lowValues), sentMs });
    backToNormal = setTimeout(() => {
      backToNormal = undefined;
      send(normalValues);
    }, everyMs / 2);
  }, everyMs);

  let polling = true;
  const pending = () => injections.filter((i) => i.archiveMs === undefined);
  const poll = (async () => {
    while (polling) {
      const waiting = pending();
      if (waiting.length > 0) {
        const { rows } = await pool.query<{ t: number }>(
          `SELECT (extract(epoch FROM window_end) * 1000)::float8 AS t FROM alarm_events
            WHERE satellite_id = $1 AND subject = $2 AND kind = 'raised' AND window_end >= to_timestamp($3::float8 / 1000)`,
          [satelliteId, SUBJECT, Math.min(...waiting.map((i) => i.onboardMs)) - 1],
        );
        const at = Date.now();
        for (const { t } of rows) {
          const injection = find(t);
          if (injection && injection.archiveMs === undefined) injection.archiveMs = at - injection.sentMs;
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  return {
    async stop(): Promise<AlarmProbeResult> {
      clearInterval(injecting);
      if (backToNormal !== undefined) {
        // Leave the limit nominal: otherwise the next probe's first low value raises nothing.
        clearTimeout(backToNormal);
        send(normalValues);
      }
      const deadline = Date.now() + settleMs;
      while (Date.now() < deadline && injections.some((i) => i.consoleMs === undefined || i.archiveMs === undefined)) {
        await new Promise((r) => setTimeout(r, 100));
      }
      polling = false;
      await poll;
      client.off(SOCKET_EVENTS.alarmAlerts, onAlerts);
      socket.end();
      const times = (pick: (i: Injection) => number | undefined): AlarmTimes => {
        const got = injections.map(pick).filter((t): t is number => t !== undefined);
        return { count: got.length, ...summarize(got) };
      };
      return { injected: injections.length, console: times((i) => i.consoleMs), archive: times((i) => i.archiveMs) };
    },
  };
}

/** One line for a benchmark's output: how many arrived, and p50 / p99 / max each way. */
export function describeAlarmTimes(result: AlarmProbeResult): string {
  const fmt = (n: number) => formatNumber(n, 0, '—');
  const part = (t: AlarmTimes) => `p50 ${fmt(t.p50)} ms, p99 ${fmt(t.p99)} ms, max ${fmt(t.max)} ms (${t.count} of ${result.injected})`;
  return `alarm gateway → console ${part(result.console)}; → archive ${part(result.archive)}`;
}
