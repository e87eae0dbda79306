'use client';
/**
 * Merges history and live data for one panel: fetches the panel's parameters
 * over the opening window and seeds them into the live store, in front of
 * whatever frames have already arrived over the socket.
 */
import { useEffect } from 'react';
import type { ChannelStore } from '../telemetry/channel-store';
import { useChannelHistoryQuery } from './useChannelHistoryQuery';

export interface UseChannelSeriesOptions {
  readonly satelliteId: number;
  readonly subsystem: string;
  readonly parameterIds: readonly number[];
  /** History window, epoch ms; null while it is not known yet. */
  readonly window: { readonly fromMs: number; readonly toMs: number } | null;
  readonly store: ChannelStore;
}

export function useChannelSeries({ satelliteId, subsystem, parameterIds, window, store }: UseChannelSeriesOptions) {
  const params = window && parameterIds.length > 0 ? { satelliteId, parameterIds, fromMs: window.fromMs, toMs: window.toMs } : null;
  const query = useChannelHistoryQuery(params);
  const data = query.data;
  useEffect(() => {
    // mergeHistory skips samples it already holds, so a repeated effect is harmless.
    if (data) store.mergeHistory(subsystem, data.series);
  }, [data, store, subsystem]);
  return query;
}
