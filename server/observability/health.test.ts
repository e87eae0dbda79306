import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { createPool } from '../../db/pool';
import { Health, serveHealth } from './health';

describe('Observability > Health', () => {
  it('is ready only when every check answers, and names what failed or timed out', async () => {
    const health = new Health(
      [
        { name: 'database', check: async () => 1 },
        { name: 'bus', check: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9092')) },
        { name: 'slow', check: () => new Promise((r) => setTimeout(r, 1000)) },
      ],
      { timeoutMs: 50 },
    );
    expect(await health.readiness()).toEqual({
      ready: false,
      checks: [
        { name: 'database', ok: true },
        { name: 'bus', ok: false, error: 'connect ECONNREFUSED 127.0.0.1:9092' },
        { name: 'slow', ok: false, error: 'no answer within 50 ms' },
      ],
    });
    expect(await new Health([{ name: 'database', check: async () => 1 }]).readiness()).toEqual({ ready: true, checks: [{ name: 'database', ok: true }] });
  });
});

describe('Observability > Health > over HTTP against a real database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
  });
  afterAll(() => db?.stop());

  it('answers /healthz always and /readyz 503 once the database is gone', async () => {
    const pool = createPool({ url: db.url, max: 1, connectionTimeoutMillis: 1000, onIdleError: () => {} });
    const health = new Health([{ name: 'database', check: () => pool.query('SELECT 1') }]);
    const server = http.createServer((req, res) => {
      if (!serveHealth(health, req.url, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      await db.server.stop();
      const live = await fetch(`${base}/healthz`);
      expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { ready: boolean; checks: Array<{ name: string; ok: boolean; error?: string }> };
      expect(body.ready).toBe(false);
      expect(body.checks).toHaveLength(1);
      expect(body.checks[0]).toMatchObject({ name: 'database', ok: false });
      expect(body.checks[0]!.error).toMatch(/ECONNREFUSED|terminat|Connection/i);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end().catch(() => undefined);
    }
  });
});
