'use client';
/**
 * Archived series of some parameters over a window, from
 * GET /api/satellites/<id>/history. Pass null until the window is known (it
 * is set from the browser clock after mount, never during server rendering).
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import type { SeriesResult } from '@/server/ports/telemetry-store';
import { queryKeys, type ChannelHistoryParams } from './queryKeys';
import { ApiError, getJson } from '../api-client';

export function historyUrl({ satelliteId, parameterIds, fromMs, toMs, widthPx }: ChannelHistoryParams): string {
  const query = new URLSearchParams({ parameters: parameterIds.join(','), from: String(Math.floor(fromMs)), to: String(Math.ceil(toMs)) });
  if (widthPx !== undefined) query.set('width', String(Math.round(widthPx)));
  return `/api/satellites/${satelliteId}/history?${query}`;
}

export function fetchChannelHistory(params: ChannelHistoryParams, signal?: AbortSignal): Promise<SeriesResult> {
  return getJson<SeriesResult>(historyUrl(params), signal);
}

export function useChannelHistoryQuery(params: ChannelHistoryParams | null) {
  return useQuery({
    queryKey: params ? queryKeys.channelHistory(params) : [...queryKeys.all, 'channel-history', 'pending'],
    queryFn: params ? ({ signal }) => fetchChannelHistory(params, signal) : skipToken,
    // A fixed past window does not change; live frames carry the view forward from there.
    staleTime: Infinity,
    // A 400 will not get better by asking again; an unavailable archive might.
    retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status < 500),
  });
}
