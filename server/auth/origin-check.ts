/**
 * Cross-site request checks for mutations and socket handshakes: a browser
 * always sends Origin on a cross-origin request, a POST and a WebSocket
 * handshake, so a mutation whose Origin (or, when a privacy setting strips
 * it, Referer) names another host than the one it was sent to came from
 * another site's page.
 *
 * @example
 *   checkRequestOrigin({ method: 'POST', host: 'mc.example', origin: 'https://evil.example', referer: null });
 *   // { ok: false, reason: 'origin https://evil.example does not match host mc.example' }
 */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface OriginFacts {
  readonly method: string;
  /** The Host header the request was sent with. */
  readonly host: string | null;
  readonly origin: string | null;
  readonly referer: string | null;
}

export type OriginDecision = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The host[:port] of a URL, or null when it is not an http(s) URL ("null" origins included). */
function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : null;
  } catch {
    return null;
  }
}

/**
 * Safe methods pass. A mutation passes only when Origin, or Referer without
 * Origin, names the request's own host; a mutation with neither is refused,
 * since every browser sends one of them.
 */
export function checkRequestOrigin({ method, host, origin, referer }: OriginFacts): OriginDecision {
  if (!MUTATING_METHODS.has(method.toUpperCase())) return { ok: true };
  if (!host) return { ok: false, reason: 'request has no Host header' };
  const source = origin ?? referer;
  if (!source) return { ok: false, reason: 'mutations must carry an Origin or Referer header' };
  const sourceHost = hostOf(source);
  if (sourceHost === null || sourceHost.toLowerCase() !== host.toLowerCase()) {
    return { ok: false, reason: `${origin ? 'origin' : 'referer'} ${origin ?? sourceHost ?? 'invalid'} does not match host ${host}` };
  }
  return { ok: true };
}

/**
 * Socket.IO handshakes: a browser always sends Origin with a WebSocket
 * handshake, so one naming another host is refused. Without Origin the
 * client is not a browser (a script holding its own cookie), which no other
 * site can drive, so it is let through to the session check.
 */
export function checkHandshakeOrigin(host: string | null, origin: string | null): OriginDecision {
  if (origin === null) return { ok: true };
  const originHost = hostOf(origin);
  if (!host || originHost === null || originHost.toLowerCase() !== host.toLowerCase()) {
    return { ok: false, reason: `origin ${origin} does not match host ${host ?? '(none)'}` };
  }
  return { ok: true };
}
