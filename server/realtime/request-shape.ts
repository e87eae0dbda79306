/**
 * Checks of a request's shape shared by route handlers that take little or
 * no input: a query parameter the route does not know, or a body sent to a
 * route that takes none, is refused with a reason (400) instead of being
 * silently ignored, so a client's mistake shows up where it is made.
 *
 * @example
 *   const unknown = unknownParameterError(new URL(request.url).searchParams, ['limit']);
 *   if (unknown) return badRequest(unknown);
 */

/** A message naming the first parameter outside `allowed`; undefined when there is none. */
export function unknownParameterError(search: URLSearchParams, allowed: readonly string[]): string | undefined {
  for (const key of search.keys()) {
    if (!allowed.includes(key)) {
      const expected = allowed.length === 0 ? 'this request takes no query parameters' : `use ${allowed.join(', ')}`;
      return `unknown parameter "${key.slice(0, 40)}": ${expected}`;
    }
  }
  return undefined;
}

/** A message when the request carries a body although the route takes none; reads at most one chunk of it. */
export async function unexpectedBodyError(request: Request): Promise<string | undefined> {
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const { done, value } = await reader.read();
  await reader.cancel().catch(() => undefined);
  return done || value.byteLength === 0 ? undefined : 'this request takes no body';
}
