'use client';
/**
 * The passes list from GET /api/passes for a satellite, a station and a
 * window preset, parsed with the route's own schema. The window is computed
 * from the browser clock when the request is made, and the list refreshes
 * every 30 s so statuses (upcoming → in progress → past) follow the clock.
 */
import { useQuery } from '@tanstack/react-query';
import { passesResponseSchema, type PassesResponse } from '@/server/realtime/passes-response';
import { queryKeys } from './queryKeys';

export const PASS_WINDOWS = {
  around: { label: '±12 h', beforeMs: 12 * 3_600_000, afterMs: 12 * 3_600_000 },
  past: { label: 'last 24 h', beforeMs: 24 * 3_600_000, afterMs: 0 },
  next: { label: 'next 24 h', beforeMs: 0, afterMs: 24 * 3_600_000 },
  week: { label: 'last 7 days', beforeMs: 7 * 86_400_000 - 60_000, afterMs: 0 },
} as const;
export type PassWindow = keyof typeof PASS_WINDOWS;

export interface PassesFilter {
  readonly satelliteId?: number;
  readonly station?: string;
  readonly window: PassWindow;
}

export const PASSES_REFRESH_MS = 30_000;

export function passesUrl({ satelliteId, station, window }: PassesFilter, nowMs: number): string {
  const { beforeMs, afterMs } = PASS_WINDOWS[window];
  const query = new URLSearchParams({ from: new Date(nowMs - beforeMs).toISOString(), to: new Date(nowMs + afterMs).toISOString() });
  if (satelliteId !== undefined) query.set('satellite', String(satelliteId));
  if (station !== undefined) query.set('station', station);
  return `/api/passes?${query}`;
}

async function fetchPasses(filter: PassesFilter, signal: AbortSignal): Promise<PassesResponse> {
  const response = await fetch(passesUrl(filter, Date.now()), { signal });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: unknown } | null)?.error;
    throw new Error(typeof message === 'string' ? message : `passes request failed (${response.status})`);
  }
  return passesResponseSchema.parse(body);
}

export function usePassesQuery(filter: PassesFilter) {
  return useQuery({
    queryKey: queryKeys.passes({ ...filter }),
    queryFn: ({ signal }) => fetchPasses(filter, signal),
    refetchInterval: PASSES_REFRESH_MS,
  });
}
