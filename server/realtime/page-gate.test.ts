import { describe, expect, it } from 'vitest';
import { isGatedPage, isPrefetch, safeNextPath } from './page-gate';

describe('Realtime > pageGate', () => {
  it('gates console pages, not assets, API routes, the socket or the login page', () => {
    expect(['/', '/satellites/101', '/unknown'].map(isGatedPage)).toEqual([true, true, true]);
    expect(['/_next/static/a.js', '/api/alarms', '/socket.io/', '/login', '/icon.svg'].map(isGatedPage)).toEqual([false, false, false, false, false]);
  });

  it('sends the browser back only to a path on this site', () => {
    expect(safeNextPath('/satellites/101?focus=thermal')).toBe('/satellites/101?focus=thermal');
    expect([safeNextPath('https://evil.example/'), safeNextPath('//evil.example'), safeNextPath('/\\evil.example'), safeNextPath(null)]).toEqual(['/', '/', '/', '/']);
  });

  it('recognises prefetches, which must never start a demo session', () => {
    const req = (headers: Record<string, string>) => ({ headers }) as unknown as import('node:http').IncomingMessage;
    expect([
      isPrefetch(req({ 'next-router-prefetch': '1' })),
      isPrefetch(req({ 'sec-purpose': 'prefetch;prerender' })),
      isPrefetch(req({ purpose: 'prefetch' })),
      isPrefetch(req({ accept: 'text/html' })),
    ]).toEqual([true, true, true, false]);
  });
});
