/**
 * Liveness and readiness. Liveness (/healthz) answers while the process
 * runs. Readiness (/readyz) runs every check — the database answers, the bus
 * answers — each bounded in time, and is ready only when all pass; the
 * answer names what failed, so an orchestrator stops routing to a node whose
 * database or bus is unreachable and an operator sees why.
 *
 * @example
 *   const health = new Health([{ name: 'database', check: () => pool.query('SELECT 1') }]);
 *   await health.readiness(); // { ready: true, checks: [{ name: 'database', ok: true }] }
 */
export interface ReadinessCheck {
  readonly name: string;
  readonly check: () => Promise<unknown>;
}

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: readonly CheckResult[];
}

export class Health {
  readonly #checks: readonly ReadinessCheck[];
  readonly #timeoutMs: number;

  constructor(checks: readonly ReadinessCheck[], { timeoutMs = 2000 }: { timeoutMs?: number } = {}) {
    this.#checks = checks;
    this.#timeoutMs = timeoutMs;
  }

  async readiness(): Promise<Readiness> {
    const checks = await Promise.all(this.#checks.map((c) => this.#run(c)));
    return { ready: checks.every((c) => c.ok), checks };
  }

  async #run({ name, check }: ReadinessCheck): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeoutMs} ms`)), this.#timeoutMs);
    });
    try {
      await Promise.race([check(), timeout]);
      return { name, ok: true };
    } catch (error) {
      return { name, ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Answers /healthz and /readyz; returns false for any other path. */
export function serveHealth(health: Health, url: string | undefined, res: import('node:http').ServerResponse): boolean {
  if (url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}\n');
    return true;
  }
  if (url === '/readyz') {
    void health.readiness().then((r) => res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' }).end(`${JSON.stringify(r)}\n`));
    return true;
  }
  return false;
}
