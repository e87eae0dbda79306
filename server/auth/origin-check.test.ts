import { describe, expect, it } from 'vitest';
import { checkHandshakeOrigin, checkRequestOrigin } from './origin-check';

const post = (origin: string | null, referer: string | null = null, host: string | null = 'mc.example:3000') =>
  checkRequestOrigin({ method: 'POST', host, origin, referer });

describe('Auth > originCheck', () => {
  it('lets safe methods through whatever their origin', () => {
    expect(checkRequestOrigin({ method: 'GET', host: 'mc.example', origin: 'https://evil.example', referer: null })).toEqual({ ok: true });
  });

  it('accepts a mutation from the same host, by Origin or by Referer', () => {
    expect(post('http://mc.example:3000')).toEqual({ ok: true });
    expect(post('https://MC.example:3000')).toEqual({ ok: true });
    expect(post(null, 'http://mc.example:3000/satellites/101?x=1')).toEqual({ ok: true });
  });

  it('refuses a mutation from another host or port, without Origin and Referer, or with a null origin', () => {
    expect(post('https://evil.example')).toEqual({ ok: false, reason: 'origin https://evil.example does not match host mc.example:3000' });
    expect(post('http://mc.example:4000')).toEqual({ ok: false, reason: 'origin http://mc.example:4000 does not match host mc.example:3000' });
    expect(post(null, 'https://evil.example/page')).toEqual({ ok: false, reason: 'referer evil.example does not match host mc.example:3000' });
    expect(post(null)).toEqual({ ok: false, reason: 'mutations must carry an Origin or Referer header' });
    expect(post('null')).toEqual({ ok: false, reason: 'origin null does not match host mc.example:3000' });
    // Origin wins over a matching Referer: the Referer is the one a page can influence.
    expect(post('https://evil.example', 'http://mc.example:3000/')).toMatchObject({ ok: false });
    expect(post('http://mc.example:3000', null, null)).toEqual({ ok: false, reason: 'request has no Host header' });
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect(checkRequestOrigin({ method, host: 'a', origin: 'http://b', referer: null })).toMatchObject({ ok: false });
    }
  });

  it('refuses a socket handshake from another origin and lets a non-browser client (no Origin) on to the session check', () => {
    expect(checkHandshakeOrigin('mc.example:3000', 'http://mc.example:3000')).toEqual({ ok: true });
    expect(checkHandshakeOrigin('mc.example:3000', null)).toEqual({ ok: true });
    expect(checkHandshakeOrigin('mc.example:3000', 'https://evil.example')).toEqual({
      ok: false,
      reason: 'origin https://evil.example does not match host mc.example:3000',
    });
  });
});
