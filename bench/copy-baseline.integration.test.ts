import { describe, expect, it } from 'vitest';
import { useSuiteDatabase } from '../db/testing/suite-database';
import { withTransaction } from '../db/transaction';
import { insertSamples } from '../db/queries/insert-samples';
import { sampleColumns } from '../server/ports/sample-columns';
import type { SampleRecord } from '../server/ports/telemetry-store';
import { COPY_BASELINE_TABLE, copyArchivedSamples } from './copy-baseline';

/** 2026-01-01T00:00:00Z, epoch ms. */
const T0 = Date.UTC(2026, 0, 1);

const suite = useSuiteDatabase();

describe('the raw COPY baseline', () => {
  it('copies exactly the archived sample rows in both formats, into a table it drops again', async () => {
    const { db } = suite;
    // 3 satellites × 20 parameters × 500 times spread over 3 hours: three of the samples table's 1-hour chunks.
    const records: SampleRecord[] = [];
    for (let t = 0; t < 500; t++) {
      for (let sat = 0; sat < 3; sat++) {
        for (let p = 0; p < 20; p++) records.push({ timeMs: T0 + t * 21_600.5, satelliteId: 101 + sat, parameterId: 1 + p, value: t * 0.25 - p, rawValue: t, quality: p % 2 });
      }
    }
    await withTransaction(db.pool, 'storing samples', (client) => insertSamples(client, sampleColumns(records)));

    const copy = await copyArchivedSamples(db.pool);

    expect(copy.rows).toBe(30_000);
    expect(copy.binary).toBeGreaterThan(0);
    expect(copy.text).toBeGreaterThan(0);
    expect(Number.isFinite(copy.binary) && Number.isFinite(copy.text)).toBe(true);
    expect((await db.pool.query(`SELECT to_regclass('${COPY_BASELINE_TABLE}') AS t`)).rows[0].t).toBeNull();
    // The archive itself is untouched.
    const { rows } = await db.pool.query('SELECT count(*)::int AS n, sum(value) AS total FROM samples');
    expect(rows[0]).toEqual({ n: 30_000, total: records.reduce((s, r) => s + r.value, 0) });
  });
});
