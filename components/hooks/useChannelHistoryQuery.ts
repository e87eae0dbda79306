'use client';
/**
 * Archived series of some parameters over a window, from
 * GET /api/satellites/<id>/history. Pass null until the window is known (it
 * is set from the browser clock after mount, never during server rendering).
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import type { SeriesResult } from '@/server/ports/telemetry-store';
import { queryKeys, type ChannelHistoryParams } from './queryKeys';

/** The history route refused or failed a request; `status` is the HTTP status. */
export class HistoryRequestError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'HistoryRequestError';
    this.status = status;
  }
}

export function historyUrl({ satelliteId, parameterIds, fromMs, toMs, widthPx }: ChannelHistoryParams): string {
  const query = new URLSearchParams({ parameters: parameterIds.join(','), from: String(Math.floor(fromMs)), to: String(Math.ceil(toMs)) });
  if (widthPx !== undefined) query.set('width', String(Math.round(widthPx)));
  return `/api/satellites/${satelliteId}/history?${query}`;
}

export async function fetchChannelHistory(params: ChannelHistoryParams, signal?: AbortSignal): Promise<SeriesResult> {
  const response = await fetch(historyUrl(params), { signal });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: unknown } | null)?.error;
    throw new HistoryRequestError(response.status, typeof message === 'string' ? message : `history request failed (${response.status})`);
  }
  return body as SeriesResult;
}

export function useChannelHistoryQuery(params: ChannelHistoryParams | null) {
  return useQuery({
    queryKey: params ? queryKeys.channelHistory(params) : [...queryKeys.all, 'channel-history', 'pending'],
    queryFn: params ? ({ signal }) => fetchChannelHistory(params, signal) : skipToken,
    // A fixed past window does not change; live frames carry the view forward from there.
    staleTime: Infinity,
    // A 400 will not get better by asking again; an unavailable archive might.
    retry: (failures, error) => failures < 2 && !(error instanceof HistoryRequestError && error.status < 500),
  });
}
