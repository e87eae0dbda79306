/**
 * Runs work on one pooled client between BEGIN and COMMIT, rolling back when
 * the work throws. Connection failures surface as StoreUnavailableError.
 *
 * @example
 *   const stored = await withTransaction(pool, 'archiving a batch', async (client) => {
 *     await insertSamples(client, rows);
 *     return rows.length;
 *   });
 */
import type pg from 'pg';
import { isTransientDatabaseError, toStoreError } from './database-errors';

export async function withTransaction<T>(
  pool: pg.Pool,
  during: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toStoreError(error, during);
  }
  let broken: Error | undefined;
  // A connection lost between two statements is reported as an 'error' event on the
  // checked-out client, which pg-pool only listens to while the client is idle: unheard,
  // it would crash the process. Note it instead; the next statement fails anyway.
  const onLost = (error: Error) => {
    broken = error;
  };
  client.on('error', onLost);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (isTransientDatabaseError(error)) {
      // The server rolls back by itself when the session ends; the client is
      // useless and goes back to the pool marked broken so it gets discarded.
      broken = error instanceof Error ? error : new Error(String(error));
    } else {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
    }
    throw toStoreError(error, during);
  } finally {
    client.off('error', onLost);
    client.release(broken);
  }
}
