'use client';
/**
 * Loads a FIXED window into a HistoryWindowStore for the whole console: the
 * overview of every panel parameter at the charts' width, and the full-rate
 * chunk around the cursor plus, while playing, the next one, so replay reads
 * the archive in prefetched chunks and never waits for the database.
 * Requests go through react-query, cached by window, so scrubbing back to a
 * chunk already seen costs nothing.
 */
import { useEffect, useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { SeriesResult } from '@/server/ports/telemetry-store';
import type { PanelDefinition } from '../telemetry/panel-definition';
import { HistoryWindowStore, type DetailChunk } from '../telemetry/history-window-store';
import type { ChannelStore } from '../telemetry/channel-store';
import { fetchChannelHistory } from '../hooks/useChannelHistoryQuery';
import { queryKeys, type ChannelHistoryParams } from '../hooks/queryKeys';
import type { FixedState } from './conductor';
import { detailChunks } from './replay-chunks';

/** The history route's limit on parameters per request. */
const PARAMETERS_PER_REQUEST = 64;
/** The charts' resolution: the console's widest chart, in pixels. */
const OVERVIEW_WIDTH_PX = 1200;
/** The detail asks for full rate: the widest the route allows. */
const DETAIL_WIDTH_PX = 4096;

interface Batch {
  readonly subsystem: string;
  readonly parameterIds: readonly number[];
}

export interface HistoryWindow {
  readonly store: HistoryWindowStore;
  /** Overview requests still out, and the first failure. */
  readonly loading: boolean;
  readonly error: string | undefined;
  /** The tier that answered the overview ('raw', '1s', '1m'), when it has. */
  readonly tier: SeriesResult['tier'] | undefined;
  /** Whether full-rate samples cover the cursor (false while its chunk loads). */
  readonly detailReady: boolean;
}

/**
 * `live` is the console's live store: what it holds of the window is shown at
 * once, so switching from LIVE to HISTORY never shows empty charts while the
 * archive answers.
 */
/** A history window of some parameters, cached for good: an archived window does not change. */
function historyQuery(params: ChannelHistoryParams) {
  return { queryKey: queryKeys.channelHistory(params), queryFn: ({ signal }: { signal: AbortSignal }) => fetchChannelHistory(params, signal), staleTime: Infinity };
}

export function useHistoryWindow(satelliteId: number, panels: readonly PanelDefinition[], fixed: FixedState, cursorMs: number, live?: ChannelStore): HistoryWindow {
  const batches = useMemo(() => panelBatches(panels), [panels]);
  const store = useMemo(
    () => {
      const view = new HistoryWindowStore({
        seriesParameterIds: [...new Set(panels.flatMap((p) => [...p.seriesParameterIds, ...p.historyParameterIds]))],
        trendParameterIds: panels.flatMap((p) => p.trendParameterIds),
      });
      if (live) for (const batch of batches) view.mergeHistory(batch.subsystem, live.snapshot(batch.parameterIds, fixed.fromMs, fixed.toMs));
      return view;
    },
    // A new window is a new store: nothing of the last one may show in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [panels, fixed.fromMs, fixed.toMs],
  );

  const overview = useQueries({
    queries: batches.map((batch) => historyQuery({ satelliteId, parameterIds: batch.parameterIds, fromMs: fixed.fromMs, toMs: fixed.toMs, widthPx: OVERVIEW_WIDTH_PX })),
  });
  const overviewData = overview.map((q) => q.data);
  useEffect(() => {
    overviewData.forEach((data, i) => {
      if (data) store.mergeHistory(batches[i]!.subsystem, data.series);
    });
    // Each result object is stable while its query is unchanged.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, batches, ...overviewData]);

  const chunks = detailChunks(fixed, cursorMs);
  const detailQueries = chunks.flatMap((chunk) => batches.map((batch) => ({ chunk, batch })));
  const detail = useQueries({
    queries: detailQueries.map(({ chunk, batch }) =>
      historyQuery({ satelliteId, parameterIds: batch.parameterIds, fromMs: chunk.fromMs, toMs: chunk.toMs, widthPx: DETAIL_WIDTH_PX }),
    ),
  });
  const detailData = detail.map((q) => q.data);
  const chunkKey = chunks.map((c) => `${c.fromMs}-${c.toMs}`).join(',');
  useEffect(() => {
    const loaded: DetailChunk[] = [];
    detailQueries.forEach(({ chunk, batch }, i) => {
      const data = detailData[i];
      if (data) loaded.push({ fromMs: chunk.fromMs, toMs: chunk.toMs, subsystem: batch.subsystem, series: data.series });
    });
    // A chunk counts as covering only once every batch of it has arrived.
    const complete = loaded.filter((c) => detailQueries.every((q, i) => q.chunk.fromMs !== c.fromMs || detailData[i] !== undefined));
    store.replaceDetail(complete);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, chunkKey, ...detailData]);

  store.setAsOf(cursorMs);
  const failed = [...overview, ...detail].find((q) => q.isError);
  return {
    store,
    loading: overview.some((q) => q.isPending),
    error: failed?.error?.message,
    tier: overview.find((q) => q.data)?.data?.tier,
    detailReady: store.detailCovers(cursorMs),
  };
}

/** Every panel's parameters (plotted, tabled and gridded), in requests the route accepts. */
function panelBatches(panels: readonly PanelDefinition[]): Batch[] {
  const batches: Batch[] = [];
  for (const panel of panels) {
    const ids = [...new Set([...panel.historyParameterIds, ...panel.seriesParameterIds, ...panel.trendParameterIds])];
    for (let i = 0; i < ids.length; i += PARAMETERS_PER_REQUEST) batches.push({ subsystem: panel.id, parameterIds: ids.slice(i, i + PARAMETERS_PER_REQUEST) });
  }
  return batches;
}
