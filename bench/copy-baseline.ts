/**
 * The raw COPY baseline of the pipeline benchmark: the sample rows the
 * archive holds, read out and written back with a bare COPY into a fresh
 * table shaped like `samples` (its columns and unique index, a hypertable of
 * the same chunk width) in the same database — the floor under any archive
 * of the same rows, on this machine, at this moment. The rows are read
 * before the clock starts; binary and text format each go into a table of
 * their own.
 *
 * @example
 *   const copy = await copyArchivedSamples(pool); // { rows: 169_200, binary: 251_000, text: 219_000 } rows/s
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

export interface CopyRates {
  /** Sample rows copied. */
  readonly rows: number;
  /** Rows/s of each format. */
  readonly binary: number;
  readonly text: number;
}

const COLUMNS = 'ts, satellite_id, parameter_id, value, raw_value, quality';

/** The table the rows are copied into; dropped after each format. */
export const COPY_BASELINE_TABLE = 'copy_baseline';

/** Everything `sql` writes to STDOUT, as it arrived. */
async function readCopy(client: pg.PoolClient, sql: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  await pipeline(
    client.query(copyTo(sql)),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  return chunks;
}

/**
 * Copies the rows of `samples` into a fresh table of its shape, once per
 * format, and returns the rows/s of each. Throws when a copy does not hold
 * exactly the rows of `samples`.
 */
export async function copyArchivedSamples(pool: pg.Pool): Promise<CopyRates> {
  const client = await pool.connect();
  try {
    const rows = Number((await client.query('SELECT count(*) AS n FROM samples')).rows[0].n);
    const rates = { binary: 0, text: 0 };
    for (const format of ['binary', 'text'] as const) {
      const options = format === 'binary' ? ' (FORMAT binary)' : '';
      const data = await readCopy(client, `COPY (SELECT ${COLUMNS} FROM samples) TO STDOUT${options}`);
      await client.query(`CREATE TABLE ${COPY_BASELINE_TABLE} (LIKE samples INCLUDING DEFAULTS INCLUDING INDEXES)`);
      try {
        await client.query(
          `SELECT create_hypertable('${COPY_BASELINE_TABLE}', by_range('ts', (SELECT time_interval FROM timescaledb_information.dimensions WHERE hypertable_name = 'samples')))`,
        );
        const started = performance.now();
        await pipeline(Readable.from(data), client.query(copyFrom(`COPY ${COPY_BASELINE_TABLE} (${COLUMNS}) FROM STDIN${options}`)));
        rates[format] = rows / ((performance.now() - started) / 1000);
        // The same rows, each as often: equal counts and nothing of samples missing from the copy.
        const copied = Number((await client.query(`SELECT count(*) AS n FROM ${COPY_BASELINE_TABLE}`)).rows[0].n);
        const missing = Number(
          (await client.query(`SELECT count(*) AS n FROM (SELECT ${COLUMNS} FROM samples EXCEPT ALL SELECT ${COLUMNS} FROM ${COPY_BASELINE_TABLE}) m`)).rows[0].n,
        );
        if (copied !== rows || missing > 0) throw new Error(`COPY (${format}) stored ${copied} rows for ${rows}, ${missing} of them missing`);
      } finally {
        await client.query(`DROP TABLE ${COPY_BASELINE_TABLE}`);
      }
    }
    return { rows, ...rates };
  } finally {
    client.release();
  }
}
