import { describe, expect, it } from 'vitest';
import { MalformedPasswordHashError } from '../errors';
import { hashPassword, verifyPassword } from './password-hash';

// Low cost for speed: the format and the comparison are what is under test, not scrypt.
const FAST = { log2N: 10, r: 8, p: 1 };

describe('Auth > passwordHash', () => {
  it('stores the parameters, a 16-byte salt and a 32-byte key, and verifies the same password', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
  });

  it('uses N=2^15, r=8, p=1 by default', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', '15', '8', '1']);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
  });

  it('refuses a wrong password, and salts each hash differently', async () => {
    const a = await hashPassword('correct horse battery', FAST);
    const b = await hashPassword('correct horse battery', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('refuses a hash whose key or salt was tampered with', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    const parts = stored.split('$');
    const key = parts[5]!;
    const flipped = [...parts.slice(0, 5), (key[0] === 'A' ? 'B' : 'A') + key.slice(1)].join('$');
    expect(await verifyPassword('correct horse battery', flipped)).toBe(false);
    const salt = parts[4]!;
    const resalted = [...parts.slice(0, 4), (salt[0] === 'A' ? 'B' : 'A') + salt.slice(1), key].join('$');
    expect(await verifyPassword('correct horse battery', resalted)).toBe(false);
  });

  it('throws MalformedPasswordHashError for a foreign format or parameters that would exhaust memory', async () => {
    await expect(verifyPassword('x', '$2b$10$abcdefghijklmnopqrstuv')).rejects.toThrow(MalformedPasswordHashError);
    const stored = await hashPassword('correct horse battery', FAST);
    await expect(verifyPassword('correct horse battery', stored.replace('scrypt$10$', 'scrypt$30$'))).rejects.toThrow(MalformedPasswordHashError);
  });
});
