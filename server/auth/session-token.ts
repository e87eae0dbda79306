/**
 * Session tokens: 32 random bytes, base64url, held only by the browser (in
 * the cookie). The database keeps the SHA-256 of the token, so reading the
 * sessions table does not let anyone sign in as its users.
 *
 * @example
 *   const token = createSessionToken(); // 43 characters, e.g. "q9Jr…"
 *   hashSessionToken(token);            // 64 hex characters, the sessions.id
 */
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;
/** 32 bytes in base64url, unpadded. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function createSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** True for a string that could be a token this module made; anything else is refused before a lookup. */
export function isSessionTokenShaped(value: string): boolean {
  return TOKEN_FORMAT.test(value);
}

/** The sessions.id of a token: hex SHA-256. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
