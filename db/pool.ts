/**
 * The process's PostgreSQL connection pool and the `Queryable` every query in
 * db/queries takes, so that a query runs alike on the pool (one statement) or
 * on a client inside a transaction.
 *
 * @example
 *   const pool = await connectPool({ url: config.database.url!, max: config.database.poolMax });
 *   const { rows } = await pool.query('SELECT 1 AS one');
 */
import pg from 'pg';
import { StoreUnavailableError } from '../server/errors';
import { describeConnectionFailure, isRejectedConnectionError, isTransientDatabaseError } from './database-errors';

/** What a query needs: a pool, a pooled client or a plain client. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface PoolOptions {
  /** postgres://user:password@host:port/database */
  readonly url: string;
  /** Most connections the pool opens at once. */
  readonly max: number;
  /** Longest wait for a new connection before the call fails, in milliseconds. */
  readonly connectionTimeoutMillis?: number;
  /** How long an unused connection stays open, in milliseconds. */
  readonly idleTimeoutMillis?: number;
  /** Receives errors of idle connections (server restart, network loss). */
  readonly onIdleError?: (error: Error) => void;
}

function logIdleError(error: Error): void {
  console.error(`[perigee:db] idle connection lost: ${error.message}`);
}

/**
 * The URL with its password replaced by "***", for messages and logs.
 *
 * @example
 *   redactDatabaseUrl('postgres://app:s3cret@db:5432/perigee'); // 'postgres://app:***@db:5432/perigee'
 */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * A pool that opens no connection until first used. An idle connection that
 * dies (server restart, network loss) is reported to `onIdleError` instead of
 * crashing the process: node-postgres emits 'error' on the pool, and an
 * unhandled 'error' event would throw.
 *
 * @example
 *   const pool = createPool({ url, max: 10 });
 */
export function createPool({
  url,
  max,
  connectionTimeoutMillis = 10_000,
  idleTimeoutMillis = 30_000,
  onIdleError = logIdleError,
}: PoolOptions): pg.Pool {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`pool max must be a positive integer, got ${max}`);
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis,
    idleTimeoutMillis,
    application_name: 'perigee',
  });
  pool.on('error', onIdleError);
  return pool;
}

/**
 * The StoreUnavailableError for a failed first connection. Names DATABASE_URL,
 * which is where a wrong host, port, password or database name comes from,
 * and shows the URL without its password. Wrong credentials and a missing
 * database are not retriable: waiting does not fix them.
 */
export function connectionFailure(url: string, error: unknown): StoreUnavailableError {
  const retriable = !isRejectedConnectionError(error);
  return new StoreUnavailableError(
    `cannot connect to PostgreSQL at ${redactDatabaseUrl(url)} (${describeConnectionFailure(error)}): ` +
      'check DATABASE_URL, or unset it to use the embedded server',
    { cause: error, retriable },
  );
}

/**
 * createPool, then one round trip to prove the server is there and accepts
 * the credentials; on failure the pool is closed and a StoreUnavailableError
 * names the cause.
 *
 * @example
 *   const pool = await connectPool({ url, max: 10 }); // throws StoreUnavailableError when unreachable
 */
export async function connectPool(options: PoolOptions): Promise<pg.Pool> {
  const pool = createPool(options);
  try {
    await pool.query('SELECT 1');
    return pool;
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (isTransientDatabaseError(error) || isRejectedConnectionError(error)) throw connectionFailure(options.url, error);
    throw error;
  }
}
