/**
 * Password hashing with scrypt (node:crypto), a memory-hard KDF: each guess
 * costs an attacker 128·N·r bytes of memory (32 MiB here), which is what
 * makes GPU and ASIC cracking expensive. The stored string carries its own
 * parameters and salt, so the cost can be raised later and old hashes still
 * verify:
 *
 *   scrypt$15$8$1$<salt, base64url>$<hash, base64url>
 *
 * @example
 *   const stored = await hashPassword('correct horse battery');
 *   await verifyPassword('correct horse battery', stored); // true
 *   await verifyPassword('wrong', stored);                 // false
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { MalformedPasswordHashError } from '../errors';

export interface ScryptParameters {
  /** log2 of the CPU/memory cost N. */
  readonly log2N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
}

/**
 * OWASP lists N=2^17, r=8 as a minimum for scrypt with memory to spare; 2^15 (32 MiB per hash) keeps
 * a login well under a second on the small shared machines consoles run on, where 2^17 would take seconds.
 */
export const DEFAULT_SCRYPT: ScryptParameters = { log2N: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on parameters read back from storage, so a tampered row cannot make verification allocate gigabytes. */
const MAX_LOG2N = 20;
const MAX_R = 16;
const MAX_P = 4;
const FORMAT = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{16,128})$/;

function derive(password: string, salt: Buffer, { log2N, r, p }: ScryptParameters, keyBytes: number): Promise<Buffer> {
  const N = 2 ** log2N;
  // Node refuses anything above 32 MiB by default, exactly what N=2^15, r=8 needs; leave headroom.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, parameters, KEY_BYTES);
  const { log2N, r, p } = parameters;
  return `scrypt$${log2N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/**
 * True when `password` produced `stored`. Compared in constant time. Throws
 * MalformedPasswordHashError when `stored` is not a hash this module wrote
 * (or its parameters are out of bounds), which is a data problem, not a
 * wrong password.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) throw new MalformedPasswordHashError();
  const parameters = { log2N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (parameters.log2N < 10 || parameters.log2N > MAX_LOG2N || parameters.r < 1 || parameters.r > MAX_R || parameters.p < 1 || parameters.p > MAX_P) {
    throw new MalformedPasswordHashError();
  }
  const salt = Buffer.from(match[4]!, 'base64url');
  const expected = Buffer.from(match[5]!, 'base64url');
  const actual = await derive(password, salt, parameters, expected.length);
  return timingSafeEqual(actual, expected);
}
