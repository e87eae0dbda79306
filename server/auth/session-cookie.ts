/**
 * The session cookie: `perigee_session`, HttpOnly (no script can read it),
 * SameSite=Strict (never sent on a request started by another site), Path=/,
 * and Secure when the console is reached over https.
 *
 * @example
 *   sessionCookie(token, { maxAgeSeconds: 43200, secure: false });
 *   // 'perigee_session=<token>; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict'
 *   readSessionToken('theme=dark; perigee_session=abc'); // 'abc'
 */
export const SESSION_COOKIE = 'perigee_session';

export interface CookieOptions {
  readonly maxAgeSeconds: number;
  readonly secure: boolean;
}

export function sessionCookie(token: string, { maxAgeSeconds, secure }: CookieOptions): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Tells the browser to forget the cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', { maxAgeSeconds: 0, secure });
}

/** The session token from a Cookie header, or null. The first perigee_session wins, as browsers send the most specific path first. */
export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** Whether the request reached the console over https, directly or through a TLS-terminating proxy. */
export function isHttpsRequest(url: string, forwardedProto: string | null | undefined): boolean {
  return url.startsWith('https:') || forwardedProto?.split(',')[0]?.trim() === 'https';
}
