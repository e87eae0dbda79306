/**
 * Reads a route handler's JSON body without trusting its size: the stream is
 * read chunk by chunk and abandoned as soon as it passes `maxBytes`, so an
 * oversized body costs the server at most that much memory.
 *
 * @example
 *   const body = await readJsonBody(request, 4096);
 *   if (!body.ok) return badRequest(body.error);
 */
export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
  const type = request.headers.get('content-type') ?? '';
  // A cross-site HTML form cannot send application/json without a CORS preflight, which this server never grants.
  if (!/^application\/json\s*(;|$)/i.test(type)) return { ok: false, error: 'expected a JSON body (content-type: application/json)' };
  const declared = Number(request.headers.get('content-length'));
  if (declared > maxBytes) return { ok: false, error: `request body is larger than ${maxBytes} bytes` };
  if (!request.body) return { ok: false, error: 'request body is empty' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, error: `request body is larger than ${maxBytes} bytes` };
    }
    chunks.push(value);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: 'request body is not valid JSON' };
  }
}
