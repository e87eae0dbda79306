/**
 * A bare HTTP endpoint serving /metrics, /healthz and /readyz for processes
 * without the web console (worker, ingest), on METRICS_PORT.
 *
 * @example
 *   const server = await startMetricsServer({ host: '127.0.0.1', port: 9464, metrics });
 *   // curl http://127.0.0.1:9464/metrics
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenTcp } from '../ingest/listen';
import { serveMetrics } from '../realtime/web-server';
import { serveHealth, type Health } from './health';
import type { PerigeeMetrics } from './perigee-metrics';

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startMetricsServer({
  host,
  port,
  metrics,
  health,
}: {
  host: string;
  port: number;
  metrics: PerigeeMetrics;
  health?: Health;
}): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') return void serveMetrics(metrics, res);
    if (health && req.method === 'GET' && serveHealth(health, req.url, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('only /metrics, /healthz and /readyz are served here\n');
  });
  await listenTcp(server, host, port, 'METRICS_PORT');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
