/**
 * Classifies node-postgres failures so that callers see Perigee's typed
 * errors: a server that cannot be reached, or refuses for a reason that may
 * pass, becomes a StoreUnavailableError (retriable); everything else (a bad
 * statement, a constraint violation) is rethrown untouched, because retrying
 * a programming or data error only repeats it.
 *
 * @example
 *   try { await pool.query('SELECT 1'); }
 *   catch (error) { throw toStoreError(error, 'reading satellites'); }
 */
import { StoreUnavailableError } from '../server/errors';

/** Socket-level failures reported by Node's net/dns modules. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * SQLSTATEs after which the same work may succeed later
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html):
 * class 08 connection exceptions, the 57P0x shutdown family, too many
 * connections, and the two transaction conflicts PostgreSQL asks clients to retry.
 */
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);

/** SQLSTATEs that block connecting but that no retry will fix: wrong credentials, missing database. */
const REJECTED_SQLSTATES: Record<string, string> = {
  '28P01': 'password authentication failed',
  '28000': 'the server rejected the authorisation',
  '3D000': 'the database does not exist',
};

/** Errors node-postgres raises itself, without a code, when the socket goes away. */
const CLIENT_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

interface ErrorWithCode {
  code?: unknown;
  message?: unknown;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as ErrorWithCode | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  const message = (error as ErrorWithCode | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** True when the failure is about reaching the server rather than about the statement. */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && (NETWORK_CODES.has(code) || TRANSIENT_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  if (error instanceof AggregateError) return error.errors.some(isTransientDatabaseError);
  return error instanceof Error && CLIENT_MESSAGES.test(error.message);
}

/** True when the server refused the connection for a reason an operator must fix. */
export function isRejectedConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && code in REJECTED_SQLSTATES;
}

/**
 * Short, password-free reason for a connection failure, e.g. "connection refused".
 * Server messages never carry the password; Node's carry only host and port.
 */
export function describeConnectionFailure(error: unknown): string {
  const code = codeOf(error);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ETIMEDOUT') return 'connection timed out';
  if (error instanceof AggregateError && error.errors.length > 0) return describeConnectionFailure(error.errors[0]);
  if (code !== undefined && code in REJECTED_SQLSTATES) return `${REJECTED_SQLSTATES[code]}: ${messageOf(error)}`;
  return messageOf(error);
}

/**
 * Maps a failed database call to StoreUnavailableError when the server could
 * not be reached, dropped the connection or refused the credentials (the
 * last not retriable); returns any other error unchanged. `during` says what
 * was being done, for the message.
 */
export function toStoreError(error: unknown, during: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const transient = isTransientDatabaseError(error);
  if (transient || isRejectedConnectionError(error)) {
    return new StoreUnavailableError(`PostgreSQL unavailable while ${during} (${describeConnectionFailure(error)})`, {
      cause: error,
      retriable: transient,
    });
  }
  return error;
}
