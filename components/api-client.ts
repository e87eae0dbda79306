/**
 * JSON over the console's own API, for client components: the server's
 * `error` text becomes the thrown Error's message (with the status), so a
 * form can show why a request was refused.
 *
 * @example
 *   const { alarms } = await getJson<{ alarms: AlarmRecord[] }>('/api/alarms', signal);
 *   await sendJson('PUT', '/api/admin/thresholds/thermal-overtemperature', { value: 80 });
 */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

async function readResult<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!response.ok) throw new ApiError(response.status, body?.error ?? `request failed (${response.status})`);
  return body as T;
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return readResult<T>(await fetch(url, { signal, cache: 'no-store' }));
}

export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH', url: string, body: unknown): Promise<T> {
  return readResult<T>(await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}
