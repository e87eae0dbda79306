/**
 * JSON responses shared by the console's route handlers.
 *
 * Errors are recognised by their `retriable` flag, not `instanceof`: Next
 * bundles route handlers separately from the server that built the store, so
 * the handler's copy of server/errors.ts is a different class from the one
 * the store's errors were made with.
 */
export function badRequest(message: string): Response {
  return Response.json({ error: message }, { status: 400 });
}

/** 503 for an error that may pass (archive unreachable); undefined for anything else, which the caller rethrows. */
export function unavailable(error: unknown, what: string): Response | undefined {
  if (!isRetriable(error)) return undefined;
  return Response.json({ error: `${what} is unavailable, try again shortly` }, { status: 503, headers: { 'retry-after': '5' } });
}

function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}

/** Status of each account error a route may meet, recognised by name for the same reason as `retriable`. */
const ACCOUNT_ERROR_STATUS: Readonly<Record<string, number>> = {
  CredentialPolicyError: 400,
  UserNotFoundError: 404,
  UserExistsError: 409,
  SelfLockoutError: 422,
};

/** A 4xx for an account error (bad username or password, unknown or taken user, self-lockout); undefined for anything else. */
export function accountErrorResponse(error: unknown): Response | undefined {
  const name = error instanceof Error ? error.name : '';
  const status = ACCOUNT_ERROR_STATUS[name];
  return status === undefined ? undefined : Response.json({ error: (error as Error).message }, { status });
}
