import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './login-rate-limiter';

const T0 = 1_800_000_000_000;

describe('Auth > LoginRateLimiter', () => {
  it('allows four failures, refuses the sixth attempt until the oldest failure leaves the window', () => {
    const limiter = new LoginRateLimiter({ maxFailures: 5, windowMs: 300_000 });
    const keys = limiter.keysOf('10.0.0.7', 'alice');
    expect(keys).toEqual(['address:10.0.0.7', 'user:alice']);
    for (let i = 0; i < 4; i++) limiter.recordFailure(keys, T0 + i * 1000);
    expect(limiter.check(keys, T0 + 4000)).toEqual({ allowed: true });
    limiter.recordFailure(keys, T0 + 4000);
    expect(limiter.check(keys, T0 + 5000)).toEqual({ allowed: false, retryAfterMs: 295_000 });
    expect(limiter.check(keys, T0 + 299_999)).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(limiter.check(keys, T0 + 300_000)).toEqual({ allowed: true });
  });

  it('locks a username tried from many addresses, and an address trying many usernames', () => {
    const limiter = new LoginRateLimiter({ maxFailures: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) limiter.recordFailure(limiter.keysOf(`10.0.0.${i}`, 'Alice'), T0);
    expect(limiter.check(limiter.keysOf('10.9.9.9', 'alice'), T0)).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(limiter.check(limiter.keysOf('10.9.9.9', 'bob'), T0)).toEqual({ allowed: true });

    for (const name of ['a1', 'a2', 'a3']) limiter.recordFailure(limiter.keysOf('10.5.5.5', name), T0 + 10_000);
    expect(limiter.check(limiter.keysOf('10.5.5.5', 'carol'), T0 + 10_000)).toEqual({ allowed: false, retryAfterMs: 60_000 });
  });

  it('clears the username on success but keeps the address count', () => {
    const limiter = new LoginRateLimiter({ maxFailures: 2, windowMs: 60_000 });
    const keys = limiter.keysOf('10.0.0.7', 'alice');
    limiter.recordFailure(keys, T0);
    limiter.recordFailure(keys, T0);
    limiter.recordSuccess('alice');
    expect(limiter.check(['user:alice'], T0)).toEqual({ allowed: true });
    expect(limiter.check(keys, T0)).toEqual({ allowed: false, retryAfterMs: 60_000 });
  });

  it('tracks at most maxKeys keys, forgetting the least recently failed first', () => {
    const limiter = new LoginRateLimiter({ maxFailures: 1, windowMs: 60_000, maxKeys: 3 });
    for (const name of ['a', 'b', 'c', 'd']) limiter.recordFailure([`user:${name}`], T0);
    expect(limiter.size).toBe(3);
    expect(limiter.check(['user:a'], T0)).toEqual({ allowed: true });
    expect(limiter.check(['user:d'], T0)).toEqual({ allowed: false, retryAfterMs: 60_000 });
  });

  it('keeps only maxFailures timestamps per key however many failures arrive', () => {
    const limiter = new LoginRateLimiter({ maxFailures: 2, windowMs: 1000 });
    for (let i = 0; i < 100; i++) limiter.recordFailure(['user:x'], T0 + i);
    // The two newest failures (T0+98, T0+99) decide: free at T0+98+1000.
    expect(limiter.check(['user:x'], T0 + 1097)).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(limiter.check(['user:x'], T0 + 1098)).toEqual({ allowed: true });
  });

  it('rejects nonsensical options', () => {
    expect(() => new LoginRateLimiter({ maxFailures: 0 })).toThrow('maxFailures must be a positive integer, got 0');
    expect(() => new LoginRateLimiter({ windowMs: 0 })).toThrow('windowMs must be positive, got 0');
  });
});
