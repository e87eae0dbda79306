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
