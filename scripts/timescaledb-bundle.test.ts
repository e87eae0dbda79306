/**
 * The committed TimescaleDB bundle is exactly what its MANIFEST says was
 * built (scripts/build-timescaledb-bundle.sh writes both).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../server/config';

const bundle = path.join(PROJECT_ROOT, 'db/embedded/timescaledb');

describe('TimescaleDB bundle', () => {
  it('matches its MANIFEST file by file', () => {
    const manifest = fs.readFileSync(path.join(bundle, 'MANIFEST'), 'utf8').trim().split('\n');
    expect(manifest[0]).toMatch(/^timescaledb 2\.\d+\.\d+ \(Debian source .*APACHE_ONLY\) for PostgreSQL 18/);
    const listed = manifest.slice(2).map((line) => {
      const [sha, file] = line.split(/\s+/);
      return { sha, file: file!.replace(/^\.\//, '') };
    });
    expect(listed.map((l) => l.file).sort()).toEqual([
      'lib/postgresql/timescaledb-2.30.0.so',
      'lib/postgresql/timescaledb.so',
      'share/postgresql/extension/timescaledb--2.30.0.sql',
      'share/postgresql/extension/timescaledb.control',
    ]);
    for (const { sha, file } of listed) {
      const actual = createHash('sha256').update(fs.readFileSync(path.join(bundle, file))).digest('hex');
      expect(`${file} ${actual}`).toBe(`${file} ${sha}`);
    }
  });
});
