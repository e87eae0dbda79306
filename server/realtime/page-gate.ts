/**
 * Sends a browser without a session to /login before any console page
 * renders, or, on `perigee start` with demo login on, signs it in as the
 * demo operator and sends it back to the page it asked for. Runs in the web
 * server ahead of Next: it sees the full URL (a Next layout does not) and can
 * redirect before anything streams. API routes check for themselves
 * (requireUser), so that they answer 401 rather than a redirect.
 *
 * @example
 *   const gate = createPageGate({ auth, demoLogin: true, log });
 *   if (await gate(req, res)) return; // answered with a redirect
 */
import type http from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AuthService } from '../auth/auth-service';
import { isHttpsRequest, readSessionToken, sessionCookie } from '../auth/session-cookie';
import type { Logger } from '../log';

export interface PageGateOptions {
  readonly auth: AuthService;
  /** Sign cookie-less browsers in as the demo operator instead of sending them to /login. */
  readonly demoLogin: boolean;
  readonly log: Logger;
}

/** Paths outside the gate: Next's assets, API routes (they answer 401 themselves), the login page, and files such as /icon.svg. */
export function isGatedPage(pathname: string): boolean {
  if (pathname.startsWith('/_next/') || pathname.startsWith('/api/') || pathname.startsWith('/socket.io/')) return false;
  if (pathname === '/login' || pathname.startsWith('/login/')) return false;
  return !/\.[A-Za-z0-9]+$/.test(pathname);
}

/** Where /login sends the browser after signing in: only a path on this site, never another origin. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function createPageGate({ auth, demoLogin, log }: PageGateOptions) {
  /** True when it answered the request (a redirect, or 503); false to let Next serve it. */
  return async function gate(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = new URL(req.url ?? '/', 'http://console');
    if (!isGatedPage(url.pathname)) return false;
    const target = url.pathname + url.search;
    try {
      if (await auth.authenticate(readSessionToken(req.headers.cookie))) return false;
      // Not for a prefetch: Next prefetches the nav's links from /login itself, which would
      // sign a browser that just signed out straight back in behind its back.
      if (demoLogin && !isPrefetch(req)) {
        const result = await auth.startDemoSession(req.socket.remoteAddress ?? null);
        if (result.ok) {
          const secure = (req.socket as TLSSocket).encrypted === true || isHttpsRequest('', headerOf(req, 'x-forwarded-proto'));
          const cookie = sessionCookie(result.token, { maxAgeSeconds: auth.sessionTtlMs / 1000, secure });
          // Back to the same URL, now with the cookie, so the page renders as the demo operator.
          res.writeHead(303, { location: target, 'set-cookie': cookie, 'cache-control': 'no-store' }).end();
          return true;
        }
        log.warn('demo login is on but the demo operator is missing or disabled; sending the browser to /login');
      }
      res.writeHead(303, { location: `/login?next=${encodeURIComponent(target)}`, 'cache-control': 'no-store' }).end();
    } catch (error) {
      log.error('checking the session failed', { error });
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' }).end('sign-in could not be checked, try again shortly\n');
    }
    return true;
  };
}

/** Next's router prefetch (next-router-prefetch) and the browser's speculative loads (Sec-Purpose / Purpose: prefetch). */
export function isPrefetch(req: http.IncomingMessage): boolean {
  if (headerOf(req, 'next-router-prefetch') !== null) return true;
  return /prefetch/i.test(headerOf(req, 'sec-purpose') ?? headerOf(req, 'purpose') ?? '');
}

function headerOf(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}
