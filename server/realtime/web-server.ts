/**
 * The web node: one HTTP server carrying the Next.js console and Socket.IO on
 * the same port, plus this node's live feed and alarm feed from the bus.
 * Route handlers and server components reach the store and mission database
 * through setRuntime/getRuntime (Next bundles app/ as a separate module graph).
 *
 * Every request gets the client's socket address in x-perigee-client-address
 * (overwriting any sent), for the audit log; console pages without a session
 * are redirected by the page gate; Socket.IO handshakes are authenticated.
 *
 * @example
 *   const web = await startWebServer({ web: config.web, bus, store, mdb, fleet, auth, log, projectDir: PROJECT_ROOT });
 *   log.info(`console at ${web.url}`);
 *   await web.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import next from 'next';
import type { Config } from '../config';
import { PortUnavailableError } from '../errors';
import type { Logger } from '../log';
import type { Bus } from '../ports/bus';
import type { AlarmDesk, TelemetryHistory } from '../ports/telemetry-store';
import type { TelemetryExport } from '../ports/telemetry-export';
import type { PassArchive } from '../ports/pass-archive';
import type { TelemetryLineage } from '../ports/telemetry-store';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import { serveHealth, type Health } from '../observability/health';
import { OpsMonitor } from '../observability/ops-monitor';
import { LagAlarmMonitor, type LagAlarmMonitorOptions } from '../observability/lag-alarm-monitor';
import { ConsumerLagRule, type LagAlarmSettings } from '../domain/alarms/consumer-lag-rule';
import type { PerigeeMetrics } from '../observability/perigee-metrics';
import { setRuntime } from '../runtime';
import { alarmChangePublisher } from './alarm-change-publisher';
import { createSocketServer, endSessionSockets, type TelemetrySocketServer } from './socket-server';
import type { AuditTrail } from '../ports/audit-trail';
import type { RuleThresholdStore } from '../ports/rule-threshold-store';
import { defaultRuleSet } from '../domain/stream/rules/load-rule-set';
import { tunableThresholds } from '../domain/stream/rules/rule-thresholds';
import { SOCKET_EVENTS } from './events';
import { startLiveFeed } from './live-feed';
import { startAlarmFeed, type AlarmFeed } from './alarm-feed';
import { startFleetFeed, type FleetFeed } from './fleet-feed';
import { FleetStatusBoard } from './fleet-status';
import { createPageGate } from './page-gate';
import type { AuthService } from '../auth/auth-service';
import { CLIENT_ADDRESS_HEADER } from '../auth/request-auth';

export interface WebServerOptions {
  /** Listen address and node id; the session recheck defaults to 30 s. */
  readonly web: Omit<Config['web'], 'socketSessionRecheckMs'> & { readonly socketSessionRecheckMs?: number };
  readonly bus: Bus;
  readonly store: TelemetryHistory;
  /** Where operators' alarm actions go; without it the alarm routes answer 503. */
  readonly alarmDesk?: AlarmDesk;
  /** The audit log, read by the audit page and alarm histories; without it those routes answer 503. */
  readonly audit?: AuditTrail;
  /** Where admins' rule thresholds are stored; without it the threshold routes answer 503. */
  readonly ruleThresholds?: RuleThresholdStore;
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  /** Sessions for route handlers, the page gate and the socket handshake. */
  readonly auth: AuthService;
  /** Sign browsers without a session in as the demo operator (`perigee start` only). */
  readonly demoLogin?: boolean;
  readonly log: Logger;
  /** Folder holding app/ and (in production) the .next build. */
  readonly projectDir: string;
  /** Clock for live frames' emittedMs, epoch ms. */
  readonly now?: () => number;
  /** Served as Prometheus text at /metrics; the live feed counts into it. */
  readonly metrics?: PerigeeMetrics;
  /** Answers /healthz and /readyz. */
  readonly health?: Health;
  /** Samples for CSV export; without it the export route answers 503. */
  readonly telemetryExport?: TelemetryExport;
  /** Most rows one CSV export may hold. */
  readonly exportMaxRows?: number;
  /** Passes and their data volume, gaps and alarms; without it the passes route answers 503. */
  readonly passArchive?: PassArchive;
  /** Where stored samples came from; absent where the node has no archive (the lineage route answers 503). */
  readonly lineage?: TelemetryLineage;
  /** Consumer lag alarms: thresholds and where the alarms go; without it lag is shown but raises no alarm. */
  readonly lagAlarms?: { readonly settings: LagAlarmSettings; readonly store: LagAlarmMonitorOptions['store'] };
  /** How long close() lets in-flight requests finish before cutting connections, ms. */
  readonly shutdownGraceMs?: number;
}

export interface WebServer {
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** The bound port (the chosen one when config asked for 0). */
  readonly port: number;
  /** Stops the live feed, Socket.IO, the HTTP server and Next; safe to call twice. */
  close(): Promise<void>;
}

/** Prometheus text exposition of the process's metrics. */
export async function serveMetrics(metrics: PerigeeMetrics, res: http.ServerResponse): Promise<void> {
  try {
    const body = await metrics.text();
    res.writeHead(200, { 'content-type': metrics.contentType }).end(body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${(error as Error).message}\n`);
  }
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { web, bus, store, alarmDesk, audit, ruleThresholds, mdb, fleet, auth, demoLogin = false, projectDir, now, shutdownGraceMs = 2000, metrics, health } = options;
  const { telemetryExport, exportMaxRows, passArchive, lineage } = options;
  const log = options.log.namespace('web');
  const board = new FleetStatusBoard({ mdb, fleet });
  const lagAlarms = options.lagAlarms
    ? new LagAlarmMonitor({ rule: new ConsumerLagRule(options.lagAlarms.settings), store: options.lagAlarms.store, log: log.namespace('lag-alarms') })
    : undefined;
  const ops = metrics ? new OpsMonitor({ metrics, onSample: lagAlarms && ((snapshot) => lagAlarms.observe(snapshot)) }) : undefined;
  ops?.start();
  const publishAlarmChange = alarmChangePublisher(bus, log.namespace('alarms'));
  // Set once the socket server exists; route handlers call it after an operator's action.
  let sockets: TelemetrySocketServer | undefined;
  setRuntime({
    store,
    alarmDesk,
    mdb,
    fleet,
    fleetStatus: () => board.snapshot((now ?? Date.now)()),
    auth,
    demoLogin,
    alarmChanged: (change) => {
      sockets?.emit(SOCKET_EVENTS.alarmChanged, change);
      void publishAlarmChange(change);
    },
    ops: async () => (ops ? ops.view() : null),
    telemetryExport,
    exportMaxRows,
    passArchive,
    lineage,
    audit,
    ruleThresholds: ruleThresholds ? { store: ruleThresholds, tunable: tunableThresholds(defaultRuleSet(mdb), mdb) } : undefined,
    endSockets: (revocation, reason) => (sockets ? endSessionSockets(sockets, revocation, reason) : 0),
  });
  const gate = createPageGate({ auth, demoLogin, log: log.namespace('auth') });

  // Requests can arrive between listen() and Next being ready; they wait for it
  // rather than racing an unprepared handler.
  let resolveHandler!: (handler: http.RequestListener) => void;
  const handlerReady = new Promise<http.RequestListener>((resolve) => (resolveHandler = resolve));
  const httpServer = http.createServer((req, res) => {
    if (metrics && req.method === 'GET' && req.url === '/metrics') return void serveMetrics(metrics, res);
    if (health && req.method === 'GET' && serveHealth(health, req.url, res)) return;
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
    void gate(req, res).then(
      (answered) => (answered ? undefined : handlerReady.then((handle) => handle(req, res))),
      (error: unknown) => {
        log.error('request failed', { url: req.url, error });
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  });
  // Socket.IO must attach after the request listener: it wraps the listeners present and
  // forwards every request outside /socket.io/ to them.
  const io = createSocketServer(httpServer, {
    auth,
    fleetStatus: () => board.snapshot((now ?? Date.now)()),
    sessionRecheckMs: web.socketSessionRecheckMs ?? 30_000,
  });
  sockets = io;

  // Listen before preparing Next so a taken port fails in milliseconds, and so Next
  // is told the real port when config asked for 0.
  let port: number;
  try {
    port = await listen(httpServer, web.host, web.port);
  } catch (error) {
    ops?.stop();
    io.engine.close();
    throw error;
  }
  const url = `http://${web.host.includes(':') ? `[${web.host}]` : web.host}:${port}`;

  const app = next({ dev: web.dev, dir: projectDir, hostname: web.host, port, httpServer });
  let feed: Awaited<ReturnType<typeof startLiveFeed>> | undefined;
  let fleetFeed: FleetFeed | undefined;
  let alarmFeed: AlarmFeed | undefined;
  try {
    await app.prepare();
    const handle = app.getRequestHandler();
    resolveHandler((req, res) => {
      handle(req, res).catch((error: unknown) => {
        log.error('request failed', { url: req.url, error });
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    feed = await startLiveFeed({ bus, io, mdb, fleet, nodeId: web.nodeId, log: log.namespace('live'), now, metrics, observe: (f) => board.observe(f) });
    fleetFeed = startFleetFeed({ io, board, store, log: log.namespace('fleet'), now });
    alarmFeed = await startAlarmFeed({ bus, io, nodeId: web.nodeId, log: log.namespace('alarm-feed'), now, metrics });
  } catch (error) {
    await closeAll();
    throw error;
  }
  log.info(`console listening on ${url}${web.dev ? ' (development)' : ''}`);

  let closing: Promise<void> | undefined;
  async function closeAll(): Promise<void> {
    ops?.stop();
    fleetFeed?.stop();
    await alarmFeed?.stop();
    await feed?.stop();
    // io.close() disconnects every socket, then closes the HTTP server and resolves
    // once no connection is left. Node drops idle keep-alives on close; requests still
    // in flight get a grace period before their connections are cut.
    const serverClosed = io.close();
    const cut = setTimeout(() => httpServer.closeAllConnections(), shutdownGraceMs);
    try {
      await serverClosed;
    } finally {
      clearTimeout(cut);
    }
    await app.close();
  }

  return {
    url,
    port,
    close: () => (closing ??= closeAll()),
  };
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') reject(new PortUnavailableError(port, 'PORT', { cause: error }));
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
